package dev.capstan.controller;

import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Secret;

import dev.capstan.git.RepositorySecrets;
import dev.capstan.kube.SecretData;

/**
 * Repository Secrets (labelled {@code capstan.dev/secret-type}) as the Git side reads them, and
 * the Secrets Capstan writes for a repository: one conversion for the controller, the API and
 * the CLI.
 */
public final class RepositorySecretEntries {

    /** The labels of every repository Secret Capstan writes. */
    public static final Map<String, String> LABELS = Map.of(RepositorySecrets.TYPE_LABEL, RepositorySecrets.REPOSITORY,
            "app.kubernetes.io/part-of", "capstan");

    private RepositorySecretEntries() {
    }

    /** The Secret's name, its type label and its values decoded ({@code stringData} too). */
    public static RepositorySecrets.Entry of(Secret secret) {
        var labels = Objects.requireNonNullElse(secret.getMetadata().getLabels(), Map.<String, String>of());
        return new RepositorySecrets.Entry(secret.getMetadata().getName(), labels.getOrDefault(RepositorySecrets.TYPE_LABEL, ""),
                SecretData.decoded(secret));
    }

    /** A repository Secret of {@code namespace} holding {@code values} (encoded here). */
    public static Secret secret(String name, String namespace, Map<String, String> values) {
        return SecretData.encoded(name, namespace, LABELS, values);
    }
}
