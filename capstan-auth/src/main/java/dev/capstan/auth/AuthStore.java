package dev.capstan.auth;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where accounts, their secrets and the policy are kept: read as recent copies (a change made
 * elsewhere shows within seconds), the Secret changed with optimistic concurrency.
 */
interface AuthStore {

    /** The data of the ConfigMap {@code capstan-cm}; empty when it does not exist. */
    Map<String, String> accountsConfig();

    /** The data of the ConfigMap {@code capstan-rbac-cm}; empty when it does not exist. */
    Map<String, String> rbacConfig();

    /** The Secret {@code capstan-secret}; empty when it does not exist. */
    SecretData secret();

    /**
     * Changes the Secret {@code capstan-secret} (creating it when missing) from its newest
     * version; {@code edit} may run more than once when others change it meanwhile, and may throw
     * to change nothing. Returns what was written, or the unchanged value when {@code edit}
     * changed nothing.
     */
    SecretData editSecret(UnaryOperator<SecretData> edit);

    /** Writes the first admin password as text into the Secret {@code capstan-initial-admin-secret}. */
    void putInitialAdminPassword(String password);

    /** Deletes the Secret {@code capstan-initial-admin-secret}, if it exists. */
    void deleteInitialAdminPassword();
}
