package dev.capstan.server;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationCondition;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.git.RepositorySecrets;

/**
 * A repository as the API lists it: URL, type, name and user, never a password or key; and its
 * connection state as the controller last met it: {@code Failed} with the message of an
 * application's comparison error that names the repository, else {@code Successful}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RepositoryView(String repo, String type, String name, String username, ConnectionState connectionState) {

    record ConnectionState(String status, String message) {
    }

    static RepositoryView of(RepositorySecrets.Entry secret, List<Application> applications) {
        Map<String, String> data = secret.data();
        String url = secret.url();
        String username = data.containsKey(RepositorySecrets.SSH_PRIVATE_KEY) ? null : blankToNull(data.get(RepositorySecrets.USERNAME));
        return new RepositoryView(url, data.getOrDefault(RepositorySecrets.TYPE, "git"), secret.name(), username,
                connectionState(url, applications));
    }

    static ConnectionState connectionState(String url, List<Application> applications) {
        for (Application application : applications) {
            if (!follows(application, url) || application.getStatus() == null || application.getStatus().getConditions() == null) {
                continue;
            }
            for (ApplicationCondition condition : application.getStatus().getConditions()) {
                if ("ComparisonError".equals(condition.getType()) && condition.getMessage() != null && condition.getMessage().contains(url)) {
                    return new ConnectionState("Failed", condition.getMessage());
                }
            }
        }
        return new ConnectionState("Successful", "");
    }

    private static boolean follows(Application application, String url) {
        var spec = application.getSpec();
        if (spec == null) {
            return false;
        }
        List<ApplicationSource> sources = spec.getSource() != null ? List.of(spec.getSource())
                : spec.getSources() == null ? List.of() : spec.getSources();
        return sources.stream().anyMatch(source -> same(source.getRepoURL(), url));
    }

    private static boolean same(String one, String other) {
        if (one == null || other == null) {
            return false;
        }
        try {
            return RepositorySecrets.normalise(one).equals(RepositorySecrets.normalise(other));
        } catch (RuntimeException e) {
            return one.equals(other);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
