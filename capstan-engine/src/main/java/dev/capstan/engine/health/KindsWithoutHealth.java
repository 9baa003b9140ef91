package dev.capstan.engine.health;

import java.util.Set;

import dev.capstan.engine.GroupKind;

/**
 * Built-in kinds that are configuration only: they have no status, or one that says nothing
 * about health (a ResourceQuota's usage, an Endpoints' addresses). Their health is "no health
 * information", like any object without a status.
 */
final class KindsWithoutHealth {

    private static final Set<GroupKind> KINDS = Set.of(
            GroupKind.core("ConfigMap"),
            GroupKind.core("Secret"),
            GroupKind.core("ServiceAccount"),
            GroupKind.core("Endpoints"),
            GroupKind.core("LimitRange"),
            GroupKind.core("ResourceQuota"),
            GroupKind.core("PodTemplate"),
            new GroupKind("rbac.authorization.k8s.io", "Role"),
            new GroupKind("rbac.authorization.k8s.io", "RoleBinding"),
            new GroupKind("rbac.authorization.k8s.io", "ClusterRole"),
            new GroupKind("rbac.authorization.k8s.io", "ClusterRoleBinding"),
            new GroupKind("networking.k8s.io", "NetworkPolicy"),
            new GroupKind("networking.k8s.io", "IngressClass"),
            new GroupKind("discovery.k8s.io", "EndpointSlice"),
            new GroupKind("scheduling.k8s.io", "PriorityClass"),
            new GroupKind("storage.k8s.io", "StorageClass"),
            new GroupKind("storage.k8s.io", "CSIDriver"),
            new GroupKind("node.k8s.io", "RuntimeClass"),
            new GroupKind("coordination.k8s.io", "Lease"),
            new GroupKind("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
            new GroupKind("admissionregistration.k8s.io", "MutatingWebhookConfiguration"));

    private KindsWithoutHealth() {
    }

    static boolean contains(GroupKind kind) {
        return KINDS.contains(kind);
    }
}
