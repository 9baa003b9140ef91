package dev.capstan.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the HTTP API and what each may do: the one entry point the server asks. Sessions
 * and API tokens are opaque strings to the caller; the RBAC policy is Argo CD's format (see
 * {@code docs/api.md}). Implementations are thread-safe; {@link KubernetesAccessControl#start}
 * makes the one the server uses. Failures to reach where accounts are kept are thrown as
 * {@link IllegalStateException}s whose message names the object, never a secret.
 */
public interface AccessControl {

    /** The principal a session or API token stands for, or empty when it is unknown, expired, revoked or its account disabled. */
    Optional<Principal> authenticate(String token);

    /**
     * Logs a user in with a password.
     *
     * @param clientAddress the caller's address, for the failed-login limit
     * @throws AuthException {@code INVALID_CREDENTIALS} for a wrong user name or password alike,
     *     {@code TOO_MANY_ATTEMPTS} (with {@link AuthException#retryAfter()}) past the limit
     */
    Session login(String username, String password, String clientAddress);

    /** Ends a session; an unknown token is ignored. */
    void logout(String token);

    /**
     * Whether the policy lets {@code principal} do {@code action} on {@code object} of {@code resource}.
     *
     * @param resource {@code applications}, {@code projects}, {@code repositories} or {@code accounts}
     * @param action {@code get}, {@code create}, {@code update}, {@code delete}, {@code sync}, {@code rollback}, {@code override}
     * @param object {@code <project>/<application>} for applications; the name or URL otherwise
     */
    boolean allowed(Principal principal, String resource, String action, String object);

    /** The local accounts, without any secret. */
    List<Account> accounts();

    /**
     * A new API token of {@code account}, for CI.
     *
     * @param expiresIn zero for a token that does not expire
     * @throws AuthException {@code NOT_FOUND} for an unknown account, {@code INVALID_ARGUMENT} for a token id in use
     */
    String createToken(String account, String id, Duration expiresIn);

    /** Revokes an API token; an unknown id is ignored. */
    void revokeToken(String account, String id);

    /**
     * Sets an account's password. {@code currentPassword} is the account's own, or, for an account
     * that has none yet, {@code admin}'s (how a new account gets its first one). Sessions issued
     * before the change end.
     *
     * @throws AuthException {@code INVALID_CREDENTIALS} when {@code currentPassword} is wrong,
     *     {@code INVALID_ARGUMENT} for a new password under 8 characters or over 72 bytes,
     *     {@code NOT_FOUND} for an unknown account, {@code TOO_MANY_ATTEMPTS} past the failed-login limit
     */
    void changePassword(String account, String currentPassword, String newPassword);

    /** A logged-in user or an API token's account. */
    record Principal(String username, List<String> groups, String tokenId) {
        public Principal {
            Objects.requireNonNull(username, "username");
            groups = List.copyOf(groups);
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    /** A session: the token the cookie holds, and when it ends. */
    record Session(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** A local account as listed: never its password or tokens' secrets. */
    record Account(String name, boolean enabled, List<String> capabilities, List<TokenInfo> tokens) {
        public Account {
            capabilities = List.copyOf(capabilities);
            tokens = List.copyOf(tokens);
        }
    }

    /** An API token as listed. */
    record TokenInfo(String id, Instant issuedAt, Optional<Instant> expiresAt) {
    }
}
