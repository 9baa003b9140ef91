package dev.capstan.cli;

import java.time.Clock;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.auth.AccessControl;
import dev.capstan.auth.KubernetesAccessControl;

/** Where the HTTP API's {@link AccessControl} comes from: the one place the CLI makes it. */
final class AccessControls {

    private AccessControls() {
    }

    /**
     * The access control of the controller's namespace (accounts in capstan-cm and capstan-secret,
     * the RBAC policy in capstan-rbac-cm); the first start makes the admin account.
     */
    static AccessControl start(KubernetesClient client, String namespace) {
        return KubernetesAccessControl.start(client, namespace, Clock.systemUTC());
    }
}
