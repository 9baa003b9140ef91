package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.localcluster.LocalControlPlane;
import dev.capstan.testkit.WithControlPlane;

/**
 * {@code capstan demo} on the test's control plane, as a new user runs it: the sample repository
 * served, the controller started, the app of apps created, and every demo Application Synced
 * and Healthy.
 */
@WithControlPlane
class DemoIT {

    @Test
    void the_demo_brings_every_sample_application_to_synced_and_healthy(LocalControlPlane controlPlane, KubernetesClient client) {
        CommandRun demo = CommandRun.of("demo", "--kubeconfig", controlPlane.kubeconfig().toString(), "--git-port", "0", "--api-port", "0",
                "--exit-when-healthy", "3m");

        assertThat(demo.exit()).as(demo.printed()).isZero();
        assertThat(demo.out()).contains("Every demo Application is Synced and Healthy.", "git clone http://127.0.0.1:", "Web UI:        http://127.0.0.1:");
        assertThat(demo.out()).as("the admin password, once the API's first start made it").containsPattern("Login: +admin / \\S{12,}");
        assertThat(client.resources(Application.class).inNamespace("capstan").list().getItems())
                .extracting(application -> application.getMetadata().getName())
                .contains("apps", "hello", "guestbook");
        assertThat(client.apps().deployments().inNamespace("hello").withName("hello").get()).isNotNull();
        assertThat(client.apps().deployments().inNamespace("guestbook").withName("frontend").get()).isNotNull();

        String kubeconfig = controlPlane.kubeconfig().toString();
        CommandRun list = CommandRun.of("app", "list", "--kubeconfig", kubeconfig);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("hello", "guestbook", "Synced", "Healthy");
    }
}
