package dev.capstan.controller.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;
import dev.capstan.kube.Fabric8ClusterClient;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Children are watched only while trees are viewed, against the local control plane (kwok runs the Pods). */
@WithControlPlane
class ChildrenIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void a_namespace_is_watched_from_the_first_tree_until_no_tree_was_asked_for_within_the_retention(KubernetesClient client,
            TestNamespace namespace) {
        Deployment web = client.apps().deployments().inNamespace(namespace.name()).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(namespace.name()).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("registry.example/web:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        Manifest owner = Manifest.of(client.getKubernetesSerialization().convertValue(web, tools.jackson.databind.node.ObjectNode.class));

        try (var children = new Children(client, new Fabric8ClusterClient(client), Duration.ofSeconds(2), Duration.ofMillis(200))) {
            assertThat(children.watchedNamespaces()).as("nothing is watched before a tree is asked for").isEmpty();

            await().atMost(TIMEOUT).untilAsserted(() -> {
                List<Manifest> replicaSets = children.of(owner);
                assertThat(replicaSets).extracting(Manifest::kind).containsExactly("ReplicaSet");
                assertThat(children.of(replicaSets.getFirst())).extracting(Manifest::kind).containsExactly("Pod");
            });
            assertThat(children.watchedNamespaces()).containsExactly(namespace.name());
            assertThat(children.size()).isEqualTo(2);

            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(children.watchedNamespaces()).as("unviewed for longer than the retention").isEmpty();
                assertThat(children.size()).as("their children are forgotten").isZero();
            });
        }
    }

    @Test
    void objects_that_make_nothing_start_no_watch(KubernetesClient client, TestNamespace namespace) {
        Manifest configMap = Manifest.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: %s, uid: 0d1c8b0e-0000-0000-0000-000000000001}
                """.formatted(namespace.name()));

        try (var children = new Children(client, new Fabric8ClusterClient(client))) {
            assertThat(children.of(configMap)).isEmpty();
            assertThat(children.watchedNamespaces()).isEmpty();
        }
    }
}
