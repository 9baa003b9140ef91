package dev.capstan.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The first admin password, shown once: read from the Secret {@code capstan-initial-admin-secret}
 * and the Secret deleted, so that the text does not stay in the cluster. What
 * {@code capstan admin initial-password} runs.
 */
public final class InitialAdminPassword {

    private InitialAdminPassword() {
    }

    /**
     * The password, once: empty when the Secret is gone (the password was shown already, or
     * changed since) or holds none. The Secret is deleted only at the version that was read, so
     * that a password written meanwhile is not lost unseen.
     */
    public static Optional<String> takeOnce(KubernetesClient client, String namespace) {
        var secrets = client.secrets().inNamespace(namespace);
        Secret secret = secrets.withName(AuthObjects.INITIAL_ADMIN_SECRET).get();
        if (secret == null || secret.getData() == null || secret.getData().get(AuthObjects.INITIAL_ADMIN_PASSWORD_KEY) == null) {
            return Optional.empty();
        }
        String password;
        try {
            password = new String(Base64.getDecoder().decode(secret.getData().get(AuthObjects.INITIAL_ADMIN_PASSWORD_KEY)),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        secrets.withName(AuthObjects.INITIAL_ADMIN_SECRET).lockResourceVersion(secret.getMetadata().getResourceVersion()).delete();
        return password.isBlank() ? Optional.empty() : Optional.of(password);
    }
}
