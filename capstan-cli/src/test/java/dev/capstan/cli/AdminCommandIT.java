package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.capstan.localcluster.LocalControlPlane;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** {@code capstan admin} against the real control plane. */
@WithControlPlane
class AdminCommandIT {

    @Test
    void initial_password_prints_the_password_once_and_deletes_its_secret(LocalControlPlane controlPlane, KubernetesClient client,
            TestNamespace namespace) {
        client.secrets().inNamespace(namespace.name()).resource(new SecretBuilder().withNewMetadata()
                .withName("capstan-initial-admin-secret").endMetadata()
                .withStringData(Map.of("password", "Xy7pQ2mN9rT4vW8kLz3a")).build()).create();
        String[] command = {"admin", "initial-password", "--kubeconfig", controlPlane.kubeconfig().toString(), "-N", namespace.name()};

        CommandRun first = CommandRun.of(command);

        assertThat(first.exit()).as(first.printed()).isZero();
        assertThat(first.out()).isEqualTo("Xy7pQ2mN9rT4vW8kLz3a" + System.lineSeparator());
        assertThat(client.secrets().inNamespace(namespace.name()).withName("capstan-initial-admin-secret").get()).isNull();

        CommandRun second = CommandRun.of(command);

        assertThat(second.exit()).as(second.printed()).isEqualTo(1);
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("capstan: the initial admin password was already shown, or the admin password was changed");
    }
}
