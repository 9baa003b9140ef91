package dev.capstan.auth;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The objects of a namespace, in memory: for tests of what is decided, not of how it is stored. */
final class InMemoryAuthStore implements AuthStore {

    volatile Map<String, String> accountsConfig = Map.of();
    volatile Map<String, String> rbacConfig = Map.of();
    volatile SecretData secret = SecretData.empty();
    volatile Optional<String> initialAdminPassword = Optional.empty();

    @Override
    public Map<String, String> accountsConfig() {
        return accountsConfig;
    }

    @Override
    public Map<String, String> rbacConfig() {
        return rbacConfig;
    }

    @Override
    public SecretData secret() {
        return secret;
    }

    @Override
    public synchronized SecretData editSecret(UnaryOperator<SecretData> edit) {
        secret = edit.apply(secret);
        return secret;
    }

    @Override
    public void putInitialAdminPassword(String password) {
        initialAdminPassword = Optional.of(password);
    }

    @Override
    public void deleteInitialAdminPassword() {
        initialAdminPassword = Optional.empty();
    }

    void account(String name, String capabilities) {
        var changed = new TreeMap<>(accountsConfig);
        changed.put("accounts." + name, capabilities);
        accountsConfig = changed;
    }

    void config(String key, String value) {
        var changed = new TreeMap<>(accountsConfig);
        changed.put(key, value);
        accountsConfig = changed;
    }
}
