package dev.capstan.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.cluster.ClusterException.Reason;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import org.junit.jupiter.api.BeforeEach;

import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

@WithControlPlane
class Fabric8ClusterClientIT {

    private Fabric8ClusterClient cluster;
    private String namespace;

    @BeforeEach
    void connect(KubernetesClient client, TestNamespace testNamespace) {
        cluster = new Fabric8ClusterClient(client);
        namespace = testNamespace.name();
    }

    @Test
    void applies_gets_lists_and_deletes_a_generic_object() {
        Manifest applied = cluster.apply(configMap("settings", "blue"), ApplyOptions.defaults());

        assertThat(applied.string("/metadata/uid")).isNotEmpty();
        assertThat(applied.at("/metadata/managedFields/0/manager").asString()).isEqualTo("capstan");
        ResourceKey key = applied.key();
        assertThat(key).isEqualTo(new ResourceKey("", "ConfigMap", namespace, "settings"));
        assertThat(cluster.get(key)).get().extracting(m -> m.string("/data/colour")).isEqualTo("blue");
        assertThat(cluster.list(GroupKind.core("ConfigMap"), namespace, "team=platform"))
                .extracting(Manifest::key).containsExactly(key);

        assertThat(cluster.delete(key, DeleteOptions.defaults())).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.get(key).isEmpty());
        assertThat(cluster.delete(key, DeleteOptions.defaults())).isFalse();
    }

    @Test
    void a_dry_run_apply_returns_the_predicted_object_and_stores_nothing() {
        cluster.apply(configMap("dry", "blue"), ApplyOptions.defaults());

        Manifest predicted = cluster.apply(configMap("dry", "green"), ApplyOptions.defaults().asDryRun());

        assertThat(predicted.string("/data/colour")).isEqualTo("green");
        assertThat(cluster.get(predicted.key())).get().extracting(m -> m.string("/data/colour")).isEqualTo("blue");
    }

    @Test
    void discovery_knows_namespaced_and_cluster_scoped_kinds_and_not_unknown_ones() {
        assertThat(cluster.resourceType(new GroupKind("apps", "Deployment"))).get()
                .satisfies(type -> {
                    assertThat(type.plural()).isEqualTo("deployments");
                    assertThat(type.namespaced()).isTrue();
                    assertThat(type.apiVersion()).isEqualTo("apps/v1");
                });
        assertThat(cluster.resourceType(GroupKind.core("Namespace"))).get()
                .satisfies(type -> assertThat(type.namespaced()).isFalse());
        assertThat(cluster.resourceType(new GroupKind("nothing.capstan.dev", "Widget"))).isEmpty();
        assertThatThrownBy(() -> cluster.apply(Manifest.parse("""
                apiVersion: nothing.capstan.dev/v1
                kind: Widget
                metadata: {name: w, namespace: %s}
                """.formatted(namespace)), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KIND));
    }

    @Test
    void errors_are_classified_by_reason() {
        Manifest job = Manifest.parse("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once, namespace: %s}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: registry.invalid/job:1}]
                """.formatted(namespace));
        cluster.apply(job, ApplyOptions.defaults());
        Manifest changedTemplate = job.with(o -> ((ObjectNode) o.at("/spec/template/spec/containers/0"))
                .put("image", "registry.invalid/job:2"));

        assertThatThrownBy(() -> cluster.apply(changedTemplate, ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.IMMUTABLE_FIELD);
                    assertThat(e.getMessage()).startsWith("Job.batch/" + namespace + "/once: apply failed:")
                            .contains("field is immutable");
                });

        Manifest invalid = configMap("Not_Valid", "x");
        assertThatThrownBy(() -> cluster.apply(invalid, ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));

        Manifest elsewhere = configMap("lost", "x").with(o -> o.withObject("/metadata").put("namespace", "no-such-namespace"));
        assertThatThrownBy(() -> cluster.apply(elsewhere, ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void replace_creates_then_overwrites_the_whole_object() {
        Manifest first = cluster.replace(configMap("replaced", "blue").with(o -> o.withObject("/data").put("extra", "1")), false);
        assertThat(first.string("/data/extra")).isEqualTo("1");

        Manifest second = cluster.replace(configMap("replaced", "green"), false);

        assertThat(second.string("/data/colour")).isEqualTo("green");
        assertThat(second.at("/data/extra").isMissingNode()).isTrue();
    }

    private Manifest configMap(String name, String colour) {
        return Manifest.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                  labels: {team: platform}
                data:
                  colour: %s
                """.formatted(name, namespace, colour));
    }
}
