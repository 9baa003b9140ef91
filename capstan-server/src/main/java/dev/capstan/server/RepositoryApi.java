package dev.capstan.server;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.auth.AccessControl.Principal;
import dev.capstan.controller.RepositorySecretEntries;
import dev.capstan.git.RepositorySecrets;

import tools.jackson.databind.node.ObjectNode;

/**
 * The repository calls over the repository Secrets of the controller's namespace (labelled
 * {@value RepositorySecrets#TYPE_LABEL}={@value RepositorySecrets#REPOSITORY}, named and laid out
 * as {@code capstan repo add} makes them). Nothing answered holds a password or key.
 */
final class RepositoryApi {

    private final Guard guard;
    private final KubernetesClient client;
    private final String namespace;
    private final Supplier<List<Application>> applications;

    RepositoryApi(Guard guard, KubernetesClient client, String namespace, Supplier<List<Application>> applications) {
        this.guard = guard;
        this.client = client;
        this.namespace = namespace;
        this.applications = applications;
    }

    Reply list(Request request) {
        Principal principal = guard.principal(request);
        List<Application> known = applications.get();
        List<RepositoryView> items = secrets().stream()
                .map(RepositorySecretEntries::of)
                .filter(entry -> !entry.url().isBlank() && guard.may(principal, Guard.REPOSITORIES, "get", entry.url()))
                .map(entry -> RepositoryView.of(entry, known))
                .toList();
        return Reply.json(Map.of("items", items));
    }

    Reply create(Request request) {
        Principal principal = guard.principal(request);
        ObjectNode body = Json.body(request.body());
        String url = Json.text(body, "repo", "");
        if (url.isBlank()) {
            throw ApiError.invalid("repo is required: the repository's URL");
        }
        guard.require(principal, Guard.REPOSITORIES, "create", url);
        String normalised;
        try {
            normalised = RepositorySecrets.normalise(url);
        } catch (RuntimeException e) {
            throw ApiError.invalid("repo " + url + " is not a repository URL");
        }
        String type = Json.text(body, "type", "git");
        if (!type.equals("git") && !type.equals("helm")) {
            throw ApiError.invalid("type must be git or helm, not " + type);
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put(RepositorySecrets.URL, url);
        data.put(RepositorySecrets.TYPE, type);
        String username = Json.text(body, "username", "");
        String password = Json.text(body, "password", "");
        String key = Json.text(body, "sshPrivateKey", "");
        if (!username.isEmpty()) {
            data.put(RepositorySecrets.USERNAME, username);
        }
        if (!password.isEmpty()) {
            data.put(RepositorySecrets.PASSWORD, password);
        }
        if (!key.isEmpty()) {
            data.put(RepositorySecrets.SSH_PRIVATE_KEY, key);
            String knownHosts = Json.text(body, "sshKnownHosts", "");
            if (!knownHosts.isEmpty()) {
                data.put(RepositorySecrets.SSH_KNOWN_HOSTS, knownHosts);
            }
        }
        boolean upsert = Json.bool(body, "upsert");
        Secret existing = secrets().stream().filter(secret -> RepositorySecrets.sameRepository(RepositorySecretEntries.of(secret).url(), normalised)).findFirst().orElse(null);
        String name = existing != null ? existing.getMetadata().getName() : RepositorySecrets.secretName(url);
        Secret secret = secret(name, data);
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(secret).create();
        } else if (!RepositorySecretEntries.of(existing).data().equals(data)) {
            if (!upsert) {
                throw ApiError.alreadyExists("repository " + url + " is registered already with other settings; pass \"upsert\": true to replace them");
            }
            guard.require(principal, Guard.REPOSITORIES, "update", url);
            secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            client.secrets().inNamespace(namespace).resource(secret).update();
        }
        return Reply.json(RepositoryView.of(RepositorySecretEntries.of(secret), applications.get()));
    }

    Reply delete(Request request) {
        Principal principal = guard.principal(request);
        String url = request.path("repo");
        guard.require(principal, Guard.REPOSITORIES, "delete", url);
        String normalised;
        try {
            normalised = RepositorySecrets.normalise(url);
        } catch (RuntimeException e) {
            throw ApiError.invalid("repo " + url + " is not a repository URL");
        }
        List<Secret> matching = secrets().stream().filter(secret -> RepositorySecrets.sameRepository(RepositorySecretEntries.of(secret).url(), normalised)).toList();
        if (matching.isEmpty()) {
            throw ApiError.notFound("repository " + url + " is not registered");
        }
        matching.forEach(secret -> client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName()).delete());
        return Reply.empty();
    }

    private List<Secret> secrets() {
        return client.secrets().inNamespace(namespace).withLabel(RepositorySecrets.TYPE_LABEL, RepositorySecrets.REPOSITORY)
                .list().getItems().stream().sorted(Comparator.comparing(secret -> secret.getMetadata().getName())).toList();
    }

    private Secret secret(String name, Map<String, String> data) {
        return RepositorySecretEntries.secret(name, namespace, data);
    }
}
