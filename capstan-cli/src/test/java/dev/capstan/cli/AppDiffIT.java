package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.localcluster.LocalControlPlane;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

/** {@code capstan app diff} against a real API server and Git server, before and after the controller syncs. */
@WithControlPlane
class AppDiffIT {

    @TempDir
    Path temporary;

    @Test
    void shows_what_a_sync_would_change_and_nothing_once_synced(LocalControlPlane controlPlane, KubernetesClient client,
                                                                 TestNamespace namespace) throws Exception {
        CustomResourceDefinitions.install(client, "capstan-test", Duration.ofSeconds(60));
        String destination = namespace.name() + "-dest";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(destination).endMetadata().build()).create();
        String kubeconfig = controlPlane.kubeconfig().toString();
        try (GitHttpServer git = GitHttpServer.start(temporary.resolve("git"))) {
            git.create("shop").commit("main", Map.of("app/settings.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: settings
                    data:
                      colour: blue
                    """), "settings");
            CommandRun created = CommandRun.of("app", "create", "shop", "--kubeconfig", kubeconfig, "-N", namespace.name(), "--repo", git.url("shop"),
                    "--path", "app", "--revision", "main", "--dest-namespace", destination);
            assertThat(created.exit()).as(created.err()).isZero();

            CommandRun before = CommandRun.of("app", "diff", "shop", "--kubeconfig", kubeconfig, "-N", namespace.name());
            assertThat(before.exit()).as(before.err()).isEqualTo(1);
            assertThat(before.out()).contains("===== ConfigMap/" + destination + "/settings (Missing)", "1 missing");

            try (CapstanController controller = CapstanController.start(client,
                    ControllerOptions.defaults(temporary.resolve("cache")).withNamespace(namespace.name()))) {
                CommandRun sync = CommandRun.of("app", "sync", "shop", "--kubeconfig", kubeconfig, "-N", namespace.name(), "--timeout", "1m");
                assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
            }
            CommandRun after = CommandRun.of("app", "diff", "shop", "--kubeconfig", kubeconfig, "-N", namespace.name());
            assertThat(after.exit()).as(after.out() + after.err()).isZero();
            assertThat(after.out()).contains("1 resources: 1 synced");

            client.configMaps().inNamespace(destination).withName("settings").edit(configMap -> {
                configMap.getData().put("colour", "red");
                return configMap;
            });
            CommandRun changed = CommandRun.of("app", "diff", "shop", "--kubeconfig", kubeconfig, "-N", namespace.name());
            assertThat(changed.exit()).isEqualTo(1);
            assertThat(changed.out()).contains("===== ConfigMap/" + destination + "/settings (OutOfSync)", "-  colour: red", "+  colour: blue");
        }
    }
}
