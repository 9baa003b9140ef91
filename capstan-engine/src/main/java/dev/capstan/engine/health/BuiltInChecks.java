package dev.capstan.engine.health;

import java.util.Map;

import dev.capstan.engine.GroupKind;

/** The kinds Capstan judges with its own code, and the check for each. */
final class BuiltInChecks {

    static final Map<GroupKind, HealthCheck> ALL = Map.ofEntries(
            Map.entry(new GroupKind("apps", "Deployment"), new DeploymentHealth()),
            Map.entry(new GroupKind("apps", "StatefulSet"), new StatefulSetHealth()),
            Map.entry(new GroupKind("apps", "DaemonSet"), new DaemonSetHealth()),
            Map.entry(new GroupKind("apps", "ReplicaSet"), new ReplicaSetHealth()),
            Map.entry(GroupKind.core("Pod"), new PodHealth()),
            Map.entry(new GroupKind("batch", "Job"), new JobHealth()),
            Map.entry(new GroupKind("batch", "CronJob"), new CronJobHealth()),
            Map.entry(GroupKind.core("Service"), new ServiceHealth()),
            Map.entry(new GroupKind("networking.k8s.io", "Ingress"), new IngressHealth()),
            Map.entry(new GroupKind("extensions", "Ingress"), new IngressHealth()),
            Map.entry(GroupKind.core("PersistentVolumeClaim"), new PersistentVolumeClaimHealth()),
            Map.entry(new GroupKind("autoscaling", "HorizontalPodAutoscaler"), new HorizontalPodAutoscalerHealth()),
            Map.entry(new GroupKind("apiregistration.k8s.io", "APIService"), new APIServiceHealth()),
            Map.entry(new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"), new CustomResourceDefinitionHealth()),
            Map.entry(GroupKind.core("Namespace"), new NamespaceHealth()));

    private BuiltInChecks() {
    }
}
