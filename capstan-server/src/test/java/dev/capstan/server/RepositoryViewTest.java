package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationCondition;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.git.RepositorySecrets;

class RepositoryViewTest {

    private static final String URL = "https://git.example/shop/config.git";

    @Test
    void a_repository_is_listed_without_its_password_or_key() {
        var https = new RepositorySecrets.Entry("repo-1", "repository",
                Map.of("url", URL, "type", "git", "username", "deployer", "password", "s3cret-token"));
        var ssh = new RepositorySecrets.Entry("repo-2", "repository",
                Map.of("url", "ssh://git@git.example/x.git", "sshPrivateKey", "-----BEGIN KEY-----", "username", "git"));

        String json = Json.write(List.of(RepositoryView.of(https, List.of()), RepositoryView.of(ssh, List.of())));

        assertThat(json).contains("\"repo\":\"" + URL + "\"", "\"username\":\"deployer\"", "\"type\":\"git\"", "\"status\":\"Successful\"")
                .doesNotContain("s3cret-token", "BEGIN KEY", "password", "sshPrivateKey");
    }

    @Test
    void the_connection_failed_when_an_application_of_the_repository_reports_a_comparison_error_naming_it() {
        var application = new Application();
        application.getMetadata().setName("web");
        var spec = new ApplicationSpec();
        var source = new ApplicationSource();
        source.setRepoURL("https://GIT.example/shop/config");
        spec.setSource(source);
        application.setSpec(spec);
        var status = new ApplicationStatus();
        var condition = new ApplicationCondition();
        condition.setType("ComparisonError");
        condition.setMessage("authentication failed for " + URL);
        status.setConditions(List.of(condition));
        application.setStatus(status);

        assertThat(RepositoryView.connectionState(URL, List.of(application)))
                .isEqualTo(new RepositoryView.ConnectionState("Failed", "authentication failed for " + URL));
    }
}
