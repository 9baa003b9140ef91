package dev.capstan.engine.sync;

import java.util.List;

/**
 * The order kinds are applied in within one wave: what others depend on first (namespaces,
 * policies, accounts, configuration, storage, CRDs, RBAC), then services and workloads, then
 * ingress; kinds not listed (custom resources among them) come last. It is Helm's install order,
 * which Argo CD uses too, so users' expectations carry over.
 */
final class KindOrder {

    private static final List<String> KINDS = List.of(
            "Namespace",
            "NetworkPolicy",
            "ResourceQuota",
            "LimitRange",
            "PodSecurityPolicy",
            "PodDisruptionBudget",
            "ServiceAccount",
            "Secret",
            "SecretList",
            "ConfigMap",
            "StorageClass",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "CustomResourceDefinition",
            "ClusterRole",
            "ClusterRoleList",
            "ClusterRoleBinding",
            "ClusterRoleBindingList",
            "Role",
            "RoleList",
            "RoleBinding",
            "RoleBindingList",
            "Service",
            "DaemonSet",
            "Pod",
            "ReplicationController",
            "ReplicaSet",
            "Deployment",
            "HorizontalPodAutoscaler",
            "StatefulSet",
            "Job",
            "CronJob",
            "IngressClass",
            "Ingress",
            "APIService");

    private KindOrder() {
    }

    /** The position of {@code kind}; every kind not listed shares the last position. */
    static int rankOf(String kind) {
        int index = KINDS.indexOf(kind);
        return index < 0 ? KINDS.size() : index;
    }
}
