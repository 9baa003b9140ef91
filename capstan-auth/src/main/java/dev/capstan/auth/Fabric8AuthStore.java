package dev.capstan.auth;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The {@link AuthStore} of a namespace, through the Kubernetes API. Reads are fresh GETs kept
 * for {@code maxAge} (two seconds by default) rather than informers: nothing to start or stop, no
 * watch to keep, and a write of our own is seen at once (the copy is dropped). Changes made with
 * kubectl to accounts, passwords or the policy take effect within {@code maxAge}. When a read
 * fails, the last copy serves for up to a minute more.
 */
final class Fabric8AuthStore implements AuthStore {

    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(2);
    private static final Duration STALE_FOR = Duration.ofMinutes(1);
    private static final int ATTEMPTS = 8;
    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/part-of", "capstan");

    private final KubernetesClient client;
    private final String namespace;
    private final RecentRead<Map<String, String>> accountsConfig;
    private final RecentRead<Map<String, String>> rbacConfig;
    private final RecentRead<SecretData> secret;

    Fabric8AuthStore(KubernetesClient client, String namespace, Duration maxAge) {
        this.client = client;
        this.namespace = namespace;
        this.accountsConfig = new RecentRead<>(() -> configMapData(AuthObjects.CONFIG_MAP), maxAge, STALE_FOR);
        this.rbacConfig = new RecentRead<>(() -> configMapData(AuthObjects.RBAC_CONFIG_MAP), maxAge, STALE_FOR);
        this.secret = new RecentRead<>(() -> readSecret().map(found -> SecretData.fromBase64(found.getData()))
                .orElseGet(SecretData::empty), maxAge, STALE_FOR);
    }

    @Override
    public Map<String, String> accountsConfig() {
        return accountsConfig.get();
    }

    @Override
    public Map<String, String> rbacConfig() {
        return rbacConfig.get();
    }

    @Override
    public SecretData secret() {
        return secret.get();
    }

    @Override
    public SecretData editSecret(UnaryOperator<SecretData> edit) {
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<Secret> current = readSecret();
                SecretData before = current.map(found -> SecretData.fromBase64(found.getData())).orElseGet(SecretData::empty);
                SecretData after = edit.apply(before);
                if (after.equals(before) && current.isPresent()) {
                    return before;
                }
                try {
                    write(current, after);
                    return after;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (KubernetesClientException e) {
            throw failure("update", AuthObjects.SECRET, e);
        } finally {
            secret.forget();
        }
    }

    @Override
    public void putInitialAdminPassword(String password) {
        Secret initial = new SecretBuilder().withNewMetadata().withName(AuthObjects.INITIAL_ADMIN_SECRET).withNamespace(namespace)
                .withLabels(LABELS).endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(AuthObjects.INITIAL_ADMIN_PASSWORD_KEY, password)).build();
        try {
            client.secrets().inNamespace(namespace).resource(initial).createOr(existing -> existing.update());
        } catch (KubernetesClientException e) {
            throw failure("write", AuthObjects.INITIAL_ADMIN_SECRET, e);
        }
    }

    @Override
    public void deleteInitialAdminPassword() {
        try {
            client.secrets().inNamespace(namespace).withName(AuthObjects.INITIAL_ADMIN_SECRET).delete();
        } catch (KubernetesClientException e) {
            throw failure("delete", AuthObjects.INITIAL_ADMIN_SECRET, e);
        }
    }

    private void write(Optional<Secret> current, SecretData data) {
        var secrets = client.secrets().inNamespace(namespace);
        if (current.isEmpty()) {
            secrets.resource(new SecretBuilder().withNewMetadata().withName(AuthObjects.SECRET).withNamespace(namespace)
                    .withLabels(LABELS).endMetadata().withType("Opaque").withData(data.toBase64()).build()).create();
            return;
        }
        Secret changed = new SecretBuilder(current.get()).withData(data.toBase64()).withStringData(null).build();
        secrets.resource(changed).update();
    }

    private Optional<Secret> readSecret() {
        try {
            return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(AuthObjects.SECRET).get());
        } catch (KubernetesClientException e) {
            throw failure("read", AuthObjects.SECRET, e);
        }
    }

    private Map<String, String> configMapData(String name) {
        try {
            ConfigMap found = client.configMaps().inNamespace(namespace).withName(name).get();
            return found == null || found.getData() == null ? Map.of() : Map.copyOf(new TreeMap<>(found.getData()));
        } catch (KubernetesClientException e) {
            throw failure("read", name, e);
        }
    }

    /** The API's refusal, named by object and status only: a Secret's message could quote what it holds. */
    private IllegalStateException failure(String verb, String name, KubernetesClientException e) {
        String kind = name.equals(AuthObjects.CONFIG_MAP) || name.equals(AuthObjects.RBAC_CONFIG_MAP) ? "ConfigMap" : "Secret";
        String status = e.getStatus() != null && e.getStatus().getReason() != null ? " (" + e.getStatus().getReason() + ")" : "";
        String cause = e.getCode() > 0 ? "HTTP " + e.getCode() + status : "no answer from the API server";
        return new IllegalStateException("cannot " + verb + " " + kind + "/" + namespace + "/" + name + ": " + cause);
    }
}
