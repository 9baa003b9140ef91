package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("demo", "--kubeconfig", controlPlane.kubeconfig().toString(), "--git-port", "0", "--exit-when-healthy", "3m");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Every demo Application is Synced and Healthy.", "git clone http://127.0.0.1:");
        assertThat(client.resources(Application.class).inNamespace("capstan").list().getItems())
                .extracting(application -> application.getMetadata().getName())
                .contains("apps", "hello", "guestbook");
        assertThat(client.apps().deployments().inNamespace("hello").withName("hello").get()).isNotNull();
        assertThat(client.apps().deployments().inNamespace("guestbook").withName("frontend").get()).isNotNull();

        String kubeconfig = controlPlane.kubeconfig().toString();
        Result list = run("app", "list", "--kubeconfig", kubeconfig);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("hello", "guestbook", "Synced", "Healthy");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
