package dev.capstan.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.auth.KubernetesAccessControl;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.kube.SecretData;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;

/**
 * Capstan as a user's browser meets it: the controller of the rig's Application namespace, the
 * real access control (accounts and policy in that namespace) and the HTTP API serving the web UI
 * from the class path, in the harness's JVM (the server needs the controller's informer), on
 * loopback. What {@code capstan server} runs, on a free port.
 */
final class ServedCapstan implements AutoCloseable {

    static final String INITIAL_ADMIN_SECRET = "capstan-initial-admin-secret";
    private static final Duration SECRET_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final CapstanController controller;
    private final CapstanServer server;

    private ServedCapstan(KubernetesClient client, CapstanController controller, CapstanServer server) {
        this.client = client;
        this.controller = controller;
        this.server = server;
    }

    static ServedCapstan start(KubernetesClient client, Path cache, Duration pollInterval, int workers) {
        CapstanController controller = CapstanController.start(client, ControllerOptions.defaults(cache)
                .withNamespace(ControllerRig.APP_NAMESPACE).withPollInterval(pollInterval).withWorkers(workers));
        try {
            var access = KubernetesAccessControl.start(client, ControllerRig.APP_NAMESPACE, Clock.systemUTC());
            var server = CapstanServer.start(ServerOptions.defaults().withAddress("127.0.0.1", 0), client, controller, access);
            return new ServedCapstan(client, controller, server);
        } catch (RuntimeException e) {
            controller.close();
            throw e;
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The admin password made at the first start, as {@code capstan admin initial-password} shows it. */
    String initialAdminPassword() throws InterruptedException {
        long deadline = System.nanoTime() + SECRET_TIMEOUT.toNanos();
        while (true) {
            Secret secret = client.secrets().inNamespace(ControllerRig.APP_NAMESPACE).withName(INITIAL_ADMIN_SECRET).get();
            if (secret != null) {
                return SecretData.decoded(secret).get("password");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Secret " + INITIAL_ADMIN_SECRET + " within " + SECRET_TIMEOUT);
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            controller.close();
        }
    }
}
