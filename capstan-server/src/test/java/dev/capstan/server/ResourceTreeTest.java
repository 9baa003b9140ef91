package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.HealthState;
import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.health.HealthAssessor;

class ResourceTreeTest {

    private static final Manifest DEPLOYMENT = Manifest.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              uid: d1
              resourceVersion: "7"
              creationTimestamp: "2026-01-02T03:04:05Z"
              annotations: {deployment.kubernetes.io/revision: "3"}
            spec:
              replicas: 1
              template:
                spec:
                  containers: [{name: web, image: "registry.example/web:1.2"}]
            """);
    private static final Manifest REPLICA_SET = Manifest.parse("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-5f6b
              namespace: shop
              uid: r1
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1}]
            spec: {replicas: 1}
            status: {replicas: 1, readyReplicas: 1, availableReplicas: 1}
            """);
    private static final Manifest POD = Manifest.parse("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5f6b-x1
              namespace: shop
              uid: p1
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5f6b, uid: r1}]
            status:
              phase: Running
              conditions: [{type: Ready, status: "True"}]
              containerStatuses: [{name: web, image: "registry.example/web:1.2", ready: true}]
            """);

    @Test
    void managed_objects_come_first_and_their_children_link_to_them_by_owner() {
        List<TreeNode> nodes = ResourceTree.build(List.of(row("apps", "Deployment", "web", "Synced", "Healthy"),
                        row(null, "ConfigMap", "settings", "Missing", null)),
                key -> key.kind().equals("Deployment") ? Optional.of(DEPLOYMENT) : Optional.empty(),
                owner -> switch (owner.string("/metadata/uid")) {
                    case "d1" -> List.of(REPLICA_SET);
                    case "r1" -> List.of(POD);
                    default -> List.of();
                },
                HealthAssessor.builtIn());

        assertThat(nodes).extracting(TreeNode::kind).containsExactly("Deployment", "ConfigMap", "ReplicaSet", "Pod");
        TreeNode deployment = nodes.get(0);
        assertThat(deployment.managed()).isTrue();
        assertThat(deployment.parentRefs()).isEmpty();
        assertThat(deployment.uid()).isEqualTo("d1");
        assertThat(deployment.sync()).isEqualTo("Synced");
        assertThat(deployment.health().status()).isEqualTo("Healthy");
        assertThat(deployment.info()).containsExactly(new TreeNode.Info("Revision", "3"));
        assertThat(deployment.images()).containsExactly("registry.example/web:1.2");
        assertThat(deployment.createdAt()).isEqualTo("2026-01-02T03:04:05Z");

        TreeNode missing = nodes.get(1);
        assertThat(missing.uid()).isNull();
        assertThat(missing.health().status()).isEqualTo("Missing");

        TreeNode replicaSet = nodes.get(2);
        assertThat(replicaSet.managed()).isFalse();
        assertThat(replicaSet.parentRefs()).containsExactly(new TreeNode.ParentRef("apps", "Deployment", "shop", "web", "d1"));
        assertThat(nodes.get(3).parentRefs()).extracting(TreeNode.ParentRef::uid).containsExactly("r1");
        assertThat(nodes.get(3).info()).contains(new TreeNode.Info("Status", "Running"));
        assertThat(nodes.get(3).health().status()).isEqualTo("Healthy");
    }

    @Test
    void a_child_reached_twice_is_listed_once() {
        List<TreeNode> nodes = ResourceTree.build(List.of(row("apps", "Deployment", "web", "Synced", "Healthy")),
                key -> Optional.of(DEPLOYMENT), owner -> List.of(REPLICA_SET, REPLICA_SET), HealthAssessor.builtIn());
        assertThat(nodes).extracting(TreeNode::name).containsExactly("web", "web-5f6b");
    }

    @Test
    void the_tree_serialises_in_the_contract_shape() {
        List<TreeNode> nodes = ResourceTree.build(List.of(row(null, "ConfigMap", "settings", "Missing", null)),
                key -> Optional.empty(), owner -> List.of(), HealthAssessor.builtIn());
        String json = Json.write(Map.of("nodes", nodes));
        assertThat(json).contains("\"kind\":\"ConfigMap\"", "\"managed\":true", "\"parentRefs\":[]", "\"health\":{\"status\":\"Missing\"")
                .doesNotContain("\"uid\"");
    }

    private static ResourceStatus row(String group, String kind, String name, String sync, String health) {
        var row = new ResourceStatus();
        row.setGroup(group);
        row.setVersion("v1");
        row.setKind(kind);
        row.setNamespace("shop");
        row.setName(name);
        row.setStatus(sync);
        if (health != null) {
            var state = new HealthState();
            state.setStatus(health);
            row.setHealth(state);
        }
        return row;
    }

}
