package dev.capstan.controller.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

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
 * resource tree. A namespace's children are watched only while someone looks at a tree there:
 * the first {@link #of} for a namespace starts its watches and waits (briefly) for their first
 * list, and a namespace no tree has been asked for in {@code retention} is dropped with its
 * children. An idle controller therefore holds no watches for children at all, and pays
 * nothing for the Pods of a large cluster. Children are kept as summaries (name, owners,
 * status), linked to their owners by {@code ownerReferences} when the tree is asked for.
 */
final class Children implements AutoCloseable {

    /** The kinds that make other objects, and so have children worth showing. */
    static final Set<GroupKind> WORKLOADS = Set.of(new GroupKind("apps", "Deployment"), new GroupKind("apps", "StatefulSet"),
            new GroupKind("apps", "DaemonSet"), new GroupKind("apps", "ReplicaSet"), new GroupKind("batch", "CronJob"),
            new GroupKind("batch", "Job"));
    /** How long a namespace's children stay watched after the last tree asked for them. */
    static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Duration FIRST_LIST_WAIT = Duration.ofSeconds(5);
    private static final List<GroupKind> CHILD_KINDS = List.of(new GroupKind("apps", "ReplicaSet"), GroupKind.core("Pod"),
            new GroupKind("batch", "Job"));
    private static final Logger LOG = LoggerFactory.getLogger(Children.class);

    private final KubernetesClient client;
    private final ClusterClient cluster;
    private final KubernetesSerialization serialization;
    private final Duration retention;
    private final Map<String, Watched> namespaces = new ConcurrentHashMap<>();
    private final Map<String, Manifest> byUid = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    /** The watches of one namespace, and when a tree there was last asked for. */
    private record Watched(List<SharedIndexInformer<GenericKubernetesResource>> informers, CompletableFuture<Void> listed,
            AtomicLong lastViewed) {
    }

    Children(KubernetesClient client, ClusterClient cluster) {
        this(client, cluster, RETENTION, Duration.ofMinutes(1));
    }

    Children(KubernetesClient client, ClusterClient cluster, Duration retention, Duration sweepEvery) {
        this.client = client;
        this.cluster = cluster;
        this.serialization = client.getKubernetesSerialization();
        this.retention = retention;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("capstan-children-sweeper").factory());
        sweeper.scheduleWithFixedDelay(this::dropUnviewed, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The objects {@code owner} made, oldest first. Starts watching the owner's namespace if no
     * tree there was asked for lately, waiting up to a few seconds for the first list.
     */
    List<Manifest> of(Manifest owner) {
        String namespace = owner.namespace();
        if (namespace.isEmpty() || !WORKLOADS.contains(owner.groupKind())) {
            return List.of();
        }
        awaitListed(watch(namespace));
        List<Manifest> result = new ArrayList<>();
        for (String uid : byOwner.getOrDefault(owner.string("/metadata/uid"), Set.of())) {
            Manifest child = byUid.get(uid);
            if (child != null) {
                result.add(child);
            }
        }
        result.sort(Comparator.comparing((Manifest child) -> child.string("/metadata/creationTimestamp")).thenComparing(Manifest::name));
        return result;
    }

    /** The namespaces whose children are being watched now. */
    Set<String> watchedNamespaces() {
        return Set.copyOf(namespaces.keySet());
    }

    private Watched watch(String namespace) {
        Watched watched = namespaces.computeIfAbsent(namespace, this::start);
        watched.lastViewed().set(System.nanoTime());
        return watched;
    }

    private Watched start(String namespace) {
        var informers = new ArrayList<SharedIndexInformer<GenericKubernetesResource>>();
        var lists = new ArrayList<CompletableFuture<?>>();
        for (GroupKind kind : CHILD_KINDS) {
            cluster.resourceType(kind).ifPresent(type -> {
                SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(GenericResources.context(type))
                        .inNamespace(namespace).runnableInformer(0);
                informer.itemStore(new StubStore());
                informer.addEventHandler(new Handler());
                informers.add(informer);
                lists.add(informer.start().toCompletableFuture().whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.warn("cannot watch {} in {}: {}", kind, namespace, failure.getMessage());
                    }
                }));
            });
        }
        LOG.debug("watching the children of workloads in {}", namespace);
        return new Watched(List.copyOf(informers), CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new)),
                new AtomicLong(System.nanoTime()));
    }

    private static void awaitListed(Watched watched) {
        try {
            watched.listed().get(FIRST_LIST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the tree shows what has arrived; the failure was logged when the watch started
        }
    }

    /** Stops the watches of namespaces no tree was asked for within the retention, and forgets their children. */
    void dropUnviewed() {
        long now = System.nanoTime();
        for (var entry : namespaces.entrySet()) {
            if (now - entry.getValue().lastViewed().get() > retention.toNanos() && namespaces.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().informers().forEach(SharedIndexInformer::stop);
                forget(entry.getKey());
                LOG.debug("stopped watching the children of workloads in {}", entry.getKey());
            }
        }
    }

    private void forget(String namespace) {
        for (Manifest child : List.copyOf(byUid.values())) {
            if (namespace.equals(child.namespace())) {
                String uid = child.string("/metadata/uid");
                if (byUid.remove(uid, child)) {
                    owners(child).forEach(owner -> unlink(owner, uid));
                }
            }
        }
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
        sweeper.shutdownNow();
        namespaces.values().forEach(watched -> watched.informers().forEach(SharedIndexInformer::stop));
        namespaces.clear();
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
