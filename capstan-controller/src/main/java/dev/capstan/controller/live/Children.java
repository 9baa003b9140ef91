package dev.capstan.controller.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.kube.GenericResources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects that managed workloads make (ReplicaSets, Pods, Jobs), for an application's
 * resource tree: watched only in the namespaces where a managed workload lives, and kept as
 * summaries (name, owners, status), so memory follows what the applications run. Linked to their
 * owners by {@code ownerReferences} when the tree is asked for.
 */
final class Children implements AutoCloseable {

    /** The kinds that make other objects, and so have children worth showing. */
    static final Set<GroupKind> WORKLOADS = Set.of(new GroupKind("apps", "Deployment"), new GroupKind("apps", "StatefulSet"),
            new GroupKind("apps", "DaemonSet"), new GroupKind("apps", "ReplicaSet"), new GroupKind("batch", "CronJob"),
            new GroupKind("batch", "Job"));
    private static final List<GroupKind> CHILD_KINDS = List.of(new GroupKind("apps", "ReplicaSet"), GroupKind.core("Pod"),
            new GroupKind("batch", "Job"));
    private static final Logger LOG = LoggerFactory.getLogger(Children.class);

    private final KubernetesClient client;
    private final ClusterClient cluster;
    private final KubernetesSerialization serialization;
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private final Map<String, Manifest> byUid = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();

    Children(KubernetesClient client, ClusterClient cluster) {
        this.client = client;
        this.cluster = cluster;
        this.serialization = client.getKubernetesSerialization();
    }

    /** Starts watching the children in {@code namespace}, once; returns at once. */
    void watchNamespace(String namespace) {
        if (namespace.isEmpty() || !namespaces.add(namespace)) {
            return;
        }
        for (GroupKind kind : CHILD_KINDS) {
            cluster.resourceType(kind).ifPresent(type -> {
                SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(GenericResources.context(type))
                        .inNamespace(namespace).runnableInformer(0);
                informer.itemStore(new StubStore());
                informer.addEventHandler(new Handler());
                synchronized (informers) {
                    informers.add(informer);
                }
                informer.start().whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.warn("cannot watch {} in {}: {}", kind, namespace, failure.getMessage());
                    }
                });
            });
        }
    }

    /** The objects {@code owner} (by its uid) made, oldest first. */
    List<Manifest> of(String ownerUid) {
        List<Manifest> result = new ArrayList<>();
        for (String uid : byOwner.getOrDefault(ownerUid, Set.of())) {
            Manifest child = byUid.get(uid);
            if (child != null) {
                result.add(child);
            }
        }
        result.sort(Comparator.comparing((Manifest child) -> child.string("/metadata/creationTimestamp")).thenComparing(Manifest::name));
        return result;
    }

    int size() {
        return byUid.size();
    }

    private void put(GenericKubernetesResource resource) {
        Manifest summary = summary(serialization.convertValue(resource, ObjectNode.class));
        String uid = summary.string("/metadata/uid");
        Manifest previous = byUid.put(uid, summary);
        if (previous != null) {
            owners(previous).forEach(owner -> unlink(owner, uid));
        }
        owners(summary).forEach(owner -> byOwner.computeIfAbsent(owner, key -> ConcurrentHashMap.newKeySet()).add(uid));
    }

    private void remove(GenericKubernetesResource resource) {
        String uid = resource.getMetadata().getUid();
        Manifest previous = uid == null ? null : byUid.remove(uid);
        if (previous != null) {
            owners(previous).forEach(owner -> unlink(owner, uid));
        }
    }

    private void unlink(String owner, String uid) {
        byOwner.computeIfPresent(owner, (key, uids) -> {
            uids.remove(uid);
            return uids.isEmpty() ? null : uids;
        });
    }

    private static List<String> owners(Manifest child) {
        List<String> owners = new ArrayList<>();
        for (JsonNode reference : child.at("/metadata/ownerReferences")) {
            owners.add(reference.path("uid").asString());
        }
        return owners;
    }

    /** What the tree shows of a child: its identity, owners and status; not its spec. */
    private static Manifest summary(ObjectNode object) {
        ObjectNode kept = object.objectNode();
        kept.set("apiVersion", object.get("apiVersion"));
        kept.set("kind", object.get("kind"));
        ObjectNode metadata = kept.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "ownerReferences", "creationTimestamp", "deletionTimestamp",
                "resourceVersion", "generation", "annotations")) {
            JsonNode value = object.path("metadata").get(field);
            if (value != null) {
                metadata.set(field, value);
            }
        }
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(Trimmed.LAST_APPLIED);
        }
        if (object.get("status") != null) {
            kept.set("status", object.get("status"));
        }
        JsonNode replicas = object.at("/spec/replicas");
        if (!replicas.isMissingNode()) {
            kept.putObject("spec").set("replicas", replicas);
        }
        return Manifest.of(kept);
    }

    @Override
    public void close() {
        synchronized (informers) {
            informers.forEach(SharedIndexInformer::stop);
            informers.clear();
        }
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource resource) {
            put(resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            put(after);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            remove(resource);
        }
    }
}
