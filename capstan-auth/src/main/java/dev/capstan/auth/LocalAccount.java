package dev.capstan.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A local account as the ConfigMap {@code capstan-cm} and the Secret {@code capstan-secret} make
 * it: whether it is enabled, what it may do, its password hash, when that last changed, and its
 * API tokens' ids.
 */
record LocalAccount(String name, boolean enabled, Set<Capability> capabilities, Optional<String> passwordHash,
        Optional<Instant> passwordChangedAt, List<AccessControl.TokenInfo> tokens) {

    enum Capability {
        /** May log in with a password and get a session. */
        LOGIN("login"),
        /** May have API tokens. */
        API_KEY("apiKey");

        private final String name;

        Capability(String name) {
            this.name = name;
        }

        String configName() {
            return name;
        }

        static Optional<Capability> named(String name) {
            for (Capability capability : values()) {
                if (capability.name.equals(name)) {
                    return Optional.of(capability);
                }
            }
            return Optional.empty();
        }
    }

    LocalAccount {
        capabilities = Set.copyOf(capabilities);
        tokens = List.copyOf(tokens);
    }

    boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    Optional<AccessControl.TokenInfo> token(String id) {
        return tokens.stream().filter(token -> token.id().equals(id)).findFirst();
    }

    /** As the API lists it: never its password hash. */
    AccessControl.Account listed() {
        return new AccessControl.Account(name, enabled,
                capabilities.stream().sorted().map(Capability::configName).toList(), tokens);
    }
}
