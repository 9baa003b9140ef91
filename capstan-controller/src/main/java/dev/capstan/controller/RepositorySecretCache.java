package dev.capstan.controller;

import java.util.List;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import dev.capstan.git.RepositoryCredentials;
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
        List<RepositorySecrets.Entry> entries = informer.getStore().list().stream().map(RepositorySecretEntries::of).toList();
        return RepositorySecrets.credentialsFor(entries, url);
    }

    @Override
    public void close() {
        informer.stop();
    }
}
