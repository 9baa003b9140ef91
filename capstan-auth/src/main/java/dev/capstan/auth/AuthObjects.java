package dev.capstan.auth;

/**
 * The names of the objects in the controller's namespace where accounts, their secrets and the
 * RBAC policy live; the same names and keys as Argo CD's, with {@code capstan} for {@code argocd}.
 */
public final class AuthObjects {

    /** Accounts: {@code accounts.<name>: login, apiKey}, {@code accounts.<name>.enabled: "false"}, {@code admin.enabled: "false"}. */
    public static final String CONFIG_MAP = "capstan-cm";
    /** Password hashes and their change times, API token ids, revoked session ids, the signing key. */
    public static final String SECRET = "capstan-secret";
    /** The RBAC policy: {@code policy.csv}, {@code policy.default}. */
    public static final String RBAC_CONFIG_MAP = "capstan-rbac-cm";
    /** The first admin password as text, until {@code capstan admin initial-password} shows it once. */
    public static final String INITIAL_ADMIN_SECRET = "capstan-initial-admin-secret";
    /** The key of {@link #INITIAL_ADMIN_SECRET} holding the password. */
    public static final String INITIAL_ADMIN_PASSWORD_KEY = "password";
    /** The built-in account, which exists without being listed in {@link #CONFIG_MAP}. */
    public static final String ADMIN = "admin";

    private AuthObjects() {
    }
}
