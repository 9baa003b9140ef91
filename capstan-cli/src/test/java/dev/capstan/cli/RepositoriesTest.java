package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import dev.capstan.git.RepositoryCredentials;
import dev.capstan.git.RepositorySecrets;

import org.junit.jupiter.api.Test;

class RepositoriesTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Secret secret(String name, String type, Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withName(name).addToLabels(RepositorySecrets.TYPE_LABEL, type).endMetadata()
                .withData(data).build();
    }

    @Test
    void names_the_secret_after_a_hash_of_the_normalised_url() {
        String name = Repositories.secretName("https://github.com/shop/deploy.git");

        assertThat(name).matches("repo-[0-9a-f]{10}");
        assertThat(Repositories.secretName("HTTPS://GitHub.com/shop/deploy")).isEqualTo(name);
        assertThat(Repositories.secretName("https://github.com/shop/other")).isNotEqualTo(name);
    }

    @Test
    void decodes_data_and_string_data_with_the_type_label() {
        var secret = secret("repo-1", RepositorySecrets.REPOSITORY, Map.of("url", base64("https://github.com/shop/deploy")));
        secret.setStringData(Map.of("password", "s3cret"));

        var entry = dev.capstan.controller.RepositorySecretEntries.of(secret);

        assertThat(entry.name()).isEqualTo("repo-1");
        assertThat(entry.secretType()).isEqualTo(RepositorySecrets.REPOSITORY);
        assertThat(entry.data()).containsEntry("url", "https://github.com/shop/deploy").containsEntry("password", "s3cret");
    }

    @Test
    void picks_credentials_from_kubernetes_secrets() {
        var secrets = List.of(
                secret("creds-shop", RepositorySecrets.CREDENTIAL_TEMPLATE, Map.of("url", base64("https://github.com/shop"),
                        "username", base64("bot"), "password", base64("token"))),
                secret("repo-public", RepositorySecrets.REPOSITORY, Map.of("url", base64("https://github.com/shop/public"))));

        assertThat(Repositories.credentialsFor(secrets, "https://github.com/shop/public.git"))
                .isEqualTo(RepositoryCredentials.https("bot", "token"));
        assertThat(Repositories.credentialsFor(secrets, "https://github.com/other/repo")).isEqualTo(RepositoryCredentials.none());
    }
}
