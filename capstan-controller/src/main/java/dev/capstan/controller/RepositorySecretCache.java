package dev.capstan.controller;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import dev.capstan.git.RepositoryCredentials;
import dev.capstan.kube.SecretData;
import dev.capstan.git.RepositorySecrets;

/**
 * Repository credentials from the Secrets of the controller's namespace labelled
 * {@code capstan.dev/secret-type} ({@code repository} for one repository, {@code repo-creds} for
 * a URL prefix), watched so a new or changed Secret applies at the next fetch. Only those Secrets
 * are watched; their values stay in this cache and are handed to Git, never logged.
 */
final class RepositorySecretCache implements Credentials, AutoCloseable {

    private final SharedIndexInformer<Secret> informer;

    private RepositorySecretCache(SharedIndexInformer<Secret> informer) {
        this.informer = informer;
    }

    static RepositorySecretCache start(KubernetesClient client, String namespace) {
        return new RepositorySecretCache(client.secrets().inNamespace(namespace).withLabel(RepositorySecrets.TYPE_LABEL).inform());
    }

    @Override
    public RepositoryCredentials forRepository(String url) {
        List<RepositorySecrets.Entry> entries = informer.getStore().list().stream().map(RepositorySecretCache::entry).toList();
        return RepositorySecrets.credentialsFor(entries, url);
    }

    private static RepositorySecrets.Entry entry(Secret secret) {
        Map<String, String> data = SecretData.decoded(secret);
        String type = secret.getMetadata().getLabels() == null ? "" : secret.getMetadata().getLabels().getOrDefault(RepositorySecrets.TYPE_LABEL, "");
        return new RepositorySecrets.Entry(secret.getMetadata().getName(), type, data);
    }

    @Override
    public void close() {
        informer.stop();
    }
}
