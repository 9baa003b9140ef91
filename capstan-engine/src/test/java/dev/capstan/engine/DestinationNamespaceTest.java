package dev.capstan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DestinationNamespaceTest {

    private static final Map<GroupKind, Boolean> SERVED = Map.of(
            GroupKind.core("ConfigMap"), true, GroupKind.core("Namespace"), false,
            new GroupKind("rbac.authorization.k8s.io", "ClusterRole"), false,
            new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"), false);

    @Test
    void namespaced_objects_without_a_namespace_go_to_the_destination_and_others_are_left_alone() {
        List<Manifest> desired = List.of(
                Manifest.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}"),
                Manifest.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: b, namespace: elsewhere}}"),
                Manifest.parse("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"),
                Manifest.parse("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}}"),
                Manifest.parse("""
                        {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition,
                         metadata: {name: clusterwidgets.example.com},
                         spec: {group: example.com, scope: Cluster, names: {kind: ClusterWidget}}}"""),
                Manifest.parse("{apiVersion: example.com/v1, kind: ClusterWidget, metadata: {name: cw}}"),
                Manifest.parse("{apiVersion: other.example.com/v1, kind: Gadget, metadata: {name: g}}"));

        List<Manifest> placed = DestinationNamespace.apply(desired, "shop",
                kind -> Optional.ofNullable(SERVED.get(kind)));

        assertThat(placed).extracting(Manifest::namespace)
                .containsExactly("shop", "elsewhere", "", "", "", "", "shop");
    }
}
