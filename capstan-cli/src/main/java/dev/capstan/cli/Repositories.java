package dev.capstan.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.ResourceKey;
import dev.capstan.git.RepositoryCredentials;
import dev.capstan.git.RepositorySecrets;
import dev.capstan.controller.RepositorySecretEntries;
import dev.capstan.kube.ApiErrors;

/**
 * The repository Secrets in Capstan's namespace, as {@code capstan repo} writes and reads them:
 * labelled {@value RepositorySecrets#TYPE_LABEL}, with Argo CD's data keys. What credentials a
 * URL gets is decided by {@link RepositorySecrets} in capstan-git, over the decoded data.
 */
final class Repositories {

    static final String GIT = "git";
    private static final int NAME_HASH_DIGITS = 10;

    private final KubernetesClient client;
    private final String namespace;

    Repositories(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    ResourceKey key(String name) {
        return ResourceKey.of(GroupKind.core("Secret"), namespace, name);
    }

    /** The Secrets of repositories (not credential templates), by name. */
    List<Secret> repositories() {
        return labelled(RepositorySecrets.REPOSITORY);
    }

    /** The repository Secrets whose URL names the same repository as {@code url}. */
    List<Secret> repositoriesOf(String url) {
        String normalised = RepositorySecrets.normalise(url);
        return repositories().stream().filter(secret -> RepositorySecrets.sameRepository(RepositorySecretEntries.of(secret).url(), normalised)).toList();
    }

    /** {@link RepositorySecrets#credentialsFor} over Kubernetes Secrets: decodes them and asks. */
    static RepositoryCredentials credentialsFor(List<Secret> secrets, String url) {
        return RepositorySecrets.credentialsFor(secrets.stream().map(RepositorySecretEntries::of).toList(), url);
    }

    Optional<Secret> find(String name) {
        return Optional.ofNullable(request(name, "get", () -> client.secrets().inNamespace(namespace).withName(name).get()));
    }

    Secret create(Secret secret) {
        return request(secret.getMetadata().getName(), "create", () -> client.secrets().inNamespace(namespace).resource(secret).create());
    }

    Secret update(Secret secret) {
        return request(secret.getMetadata().getName(), "update", () -> client.secrets().inNamespace(namespace).resource(secret).update());
    }

    void delete(String name) {
        request(name, "delete", () -> client.secrets().inNamespace(namespace).withName(name).delete());
    }

    /** A repository Secret holding {@code data} (not yet encoded). */
    Secret repositorySecret(String name, Map<String, String> data) {
        return RepositorySecretEntries.secret(name, namespace, data);
    }

    /** {@code repo-} and the first ten hex digits of the SHA-256 of the normalised URL. */
    static String secretName(String url) {
        return RepositorySecrets.secretName(url);
    }

    private List<Secret> labelled(String type) {
        return request("", "list repository Secrets in namespace " + namespace, () -> client.secrets().inNamespace(namespace)
                .withLabel(RepositorySecrets.TYPE_LABEL, type).list().getItems().stream()
                .sorted(Comparator.comparing(secret -> secret.getMetadata().getName()))
                .toList());
    }

    private <R> R request(String name, String action, Supplier<R> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.classify(name.isEmpty() ? null : key(name), action, e);
        }
    }
}
