package dev.capstan.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.auth.AccessControl;
import dev.capstan.auth.AuthException;

/** Where the HTTP API's {@link AccessControl} comes from: the one place the CLI makes it. */
final class AccessControls {

    private AccessControls() {
    }

    /**
     * The access control of the controller's namespace (accounts in capstan-cm and capstan-secret,
     * the RBAC policy in capstan-rbac-cm).
     */
    static AccessControl start(KubernetesClient client, String namespace) {
        // PLUG-IN POINT for capstan-auth's implementation: once KubernetesAccessControl is merged, replace
        // the line below with
        //     return dev.capstan.auth.KubernetesAccessControl.start(client, namespace, java.time.Clock.systemUTC());
        // Until then nobody can log in and every call is refused (401), so an API served by this build opens nothing.
        return new NoAccounts();
    }

    /** An access control without accounts: every login fails, every token is unknown, nothing is allowed. */
    static final class NoAccounts implements AccessControl {

        private static final String WHY = "this build has no accounts yet (capstan-auth's access control is not in it)";

        @Override
        public Optional<Principal> authenticate(String token) {
            return Optional.empty();
        }

        @Override
        public Session login(String username, String password, String clientAddress) {
            throw new AuthException(AuthException.Reason.INVALID_CREDENTIALS, "invalid username or password: " + WHY);
        }

        @Override
        public void logout(String token) {
        }

        @Override
        public boolean allowed(Principal principal, String resource, String action, String object) {
            return false;
        }

        @Override
        public List<Account> accounts() {
            return List.of();
        }

        @Override
        public String createToken(String account, String id, Duration expiresIn) {
            throw new AuthException(AuthException.Reason.NOT_FOUND, "no account " + account + ": " + WHY);
        }

        @Override
        public void revokeToken(String account, String id) {
        }

        @Override
        public void changePassword(String account, String currentPassword, String newPassword) {
            throw new AuthException(AuthException.Reason.NOT_FOUND, "no account " + account + ": " + WHY);
        }
    }
}
