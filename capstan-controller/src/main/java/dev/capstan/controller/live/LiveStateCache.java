package dev.capstan.controller.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
import dev.capstan.engine.cluster.ClusterClient.ResourceType;
import dev.capstan.engine.sync.Tracking;
import dev.capstan.kube.GenericResources;

import tools.jackson.databind.node.ObjectNode;

/**
 * The live-state cache: one watch per kind that some application manages, cluster-wide but
 * selected by Capstan's application label, so the API server sends only managed objects and memory
 * follows what Capstan manages, not the size of the cluster. Each object is kept once, trimmed
 * ({@link Trimmed}) and compacted ({@link Manifest#compacted()}); fabric8's own informer store keeps only a stub per object (name, namespace,
 * resourceVersion), enough for its re-lists.
 */
public final class LiveStateCache implements LiveObjects, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStateCache.class);
    private static final Duration FIRST_LIST_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final ClusterClient cluster;
    private final KubernetesSerialization serialization;
    private final Listener listener;
    private final Map<GroupKind, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private final Map<ResourceKey, Manifest> objects = new ConcurrentHashMap<>();
    private final Map<String, Set<ResourceKey>> byApplication = new ConcurrentHashMap<>();
    private final Children children;
    /** The controller's own writes the watch has not delivered yet. */
    private final Map<ResourceKey, Manifest> ownWrites = new ConcurrentHashMap<>();
    /** The controller's own deletes the watch has not delivered yet, with the version deleted. */
    private final Map<ResourceKey, String> ownDeletes = new ConcurrentHashMap<>();
    /** Counts the changes to the three maps above, each counted after it is made. */
    private final AtomicLong generation = new AtomicLong();

    public LiveStateCache(KubernetesClient client, ClusterClient cluster, Listener listener) {
        this.client = client;
        this.cluster = cluster;
        this.serialization = client.getKubernetesSerialization();
        this.listener = listener;
        this.children = new Children(client, cluster);
    }

    @Override
    public boolean watch(GroupKind kind) {
        if (informers.containsKey(kind)) {
            return true;
        }
        Optional<ResourceType> type = cluster.resourceType(kind);
        if (type.isEmpty()) {
            return false;
        }
        synchronized (informers) {
            if (informers.containsKey(kind)) {
                return true;
            }
            var operation = client.genericKubernetesResources(GenericResources.context(type.get()));
            var selected = (type.get().namespaced() ? operation.inAnyNamespace() : operation).withLabel(Tracking.LABEL);
            SharedIndexInformer<GenericKubernetesResource> informer = selected.runnableInformer(0);
            informer.itemStore(new StubStore());
            informer.addEventHandler(new Handler(kind));
            try {
                informer.start().toCompletableFuture().get(FIRST_LIST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                informer.stop();
                throw new IllegalStateException("interrupted while listing " + kind, e);
            } catch (ExecutionException | TimeoutException e) {
                informer.stop();
                throw new IllegalStateException("cannot watch " + kind + ": " + e.getMessage(), e);
            }
            informers.put(kind, informer);
            LOG.debug("watching {}", kind);
            return true;
        }
    }

    @Override
    public Optional<Manifest> get(ResourceKey key) {
        Manifest watched = objects.get(key);
        Manifest written = ownWrites.get(key);
        if (written != null && (watched == null || newer(written, watched))) {
            return Optional.of(written);
        }
        String deleted = ownDeletes.get(key);
        if (watched != null && deleted != null && deleted.equals(version(watched))) {
            return Optional.empty();
        }
        return Optional.ofNullable(watched);
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public List<Manifest> ofApplication(String application) {
        Set<ResourceKey> keys = new LinkedHashSet<>(byApplication.getOrDefault(application, Set.of()));
        ownWrites.values().stream().filter(object -> application.equals(object.label(Tracking.LABEL).orElse(null)))
                .forEach(object -> keys.add(object.key()));
        List<Manifest> result = new ArrayList<>();
        for (ResourceKey key : keys) {
            get(key).filter(object -> application.equals(object.label(Tracking.LABEL).orElse(null))).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public void written(Manifest object) {
        if (object.label(Tracking.LABEL).isEmpty()) {
            return; // not a managed object (a namespace made by CreateNamespace): never watched
        }
        ResourceKey key = object.key();
        Manifest trimmed = Manifest.of(Trimmed.trim(object.copyObject())).compacted();
        Manifest watched = objects.get(key);
        if (watched == null || newer(trimmed, watched)) {
            ownWrites.put(key, trimmed);
        }
        ownDeletes.remove(key);
        generation.incrementAndGet();
    }

    @Override
    public void deleted(ResourceKey key) {
        ownWrites.remove(key);
        Manifest watched = objects.get(key);
        if (watched != null) {
            ownDeletes.put(key, version(watched));
        }
        generation.incrementAndGet();
    }

    /**
     * Whether {@code one} is a later version than {@code other}. Resource versions are compared as
     * the numbers the API server makes them; ones that are not numbers count as not later, so
     * the watch wins.
     */
    private static boolean newer(Manifest one, Manifest other) {
        try {
            return Long.parseLong(version(one)) > Long.parseLong(version(other));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String version(Manifest object) {
        return object.string("/metadata/resourceVersion");
    }

    /** How many objects the cache holds. */
    public int size() {
        return objects.size();
    }

    /** The kinds being watched. */
    public Set<GroupKind> kinds() {
        return Set.copyOf(informers.keySet());
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
        children.close();
    }

    @Override
    public List<Manifest> childrenOf(Manifest owner) {
        return children.of(owner);
    }

    private void put(GenericKubernetesResource resource) {
        ObjectNode object = serialization.convertValue(resource, ObjectNode.class);
        Manifest manifest = Manifest.of(Trimmed.trim(object)).compacted();
        ResourceKey key = manifest.key();
        Manifest previous = objects.put(key, manifest);
        ownWrites.computeIfPresent(key, (k, written) -> newer(written, manifest) ? written : null);
        ownDeletes.remove(key);
        String application = manifest.label(Tracking.LABEL).orElse("");
        String previousApplication = previous == null ? application : previous.label(Tracking.LABEL).orElse("");
        if (!previousApplication.equals(application)) {
            unindex(previousApplication, key);
        }
        byApplication.computeIfAbsent(application, name -> ConcurrentHashMap.newKeySet()).add(key);
        generation.incrementAndGet();
        if (!previousApplication.equals(application)) {
            listener.changed(previousApplication, key);
        }
        listener.changed(application, key);
    }

    private void remove(GenericKubernetesResource resource, GroupKind kind) {
        ObjectMeta metadata = resource.getMetadata();
        String namespace = metadata.getNamespace() == null ? "" : metadata.getNamespace();
        ResourceKey key = ResourceKey.of(kind, namespace, metadata.getName());
        Manifest previous = objects.remove(key);
        ownWrites.remove(key);
        ownDeletes.remove(key);
        String application = previous == null ? null : previous.label(Tracking.LABEL).orElse("");
        if (application != null) {
            unindex(application, key);
        }
        generation.incrementAndGet();
        if (application != null) {
            listener.changed(application, key);
        }
    }

    private void unindex(String application, ResourceKey key) {
        byApplication.computeIfPresent(application, (name, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        private final GroupKind kind;

        Handler(GroupKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource resource) {
            put(resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (!after.getMetadata().getResourceVersion().equals(before.getMetadata().getResourceVersion())) {
                put(after);
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            remove(resource, kind);
        }
    }
}
