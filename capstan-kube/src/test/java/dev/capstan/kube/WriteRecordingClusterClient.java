package dev.capstan.kube;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;

/**
 * A real {@link ClusterClient} that also notes every write it passes on ({@code apply ConfigMap/ns/name}),
 * so a test can say which objects a sync wrote and which it left alone.
 */
final class WriteRecordingClusterClient implements ClusterClient {

    private final ClusterClient cluster;
    private final List<String> writes = new CopyOnWriteArrayList<>();

    WriteRecordingClusterClient(ClusterClient cluster) {
        this.cluster = cluster;
    }

    /** The writes so far, in order: {@code apply|replace|delete <key>}, with {@code (dry run)} when one was. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public Optional<Manifest> get(ResourceKey key) {
        return cluster.get(key);
    }

    @Override
    public List<Manifest> list(GroupKind kind, String namespace, String labelSelector) {
        return cluster.list(kind, namespace, labelSelector);
    }

    @Override
    public Manifest apply(Manifest desired, ApplyOptions options) {
        writes.add("apply " + desired.key() + (options.dryRun() ? " (dry run)" : ""));
        return cluster.apply(desired, options);
    }

    @Override
    public Manifest replace(Manifest desired, boolean dryRun) {
        writes.add("replace " + desired.key() + (dryRun ? " (dry run)" : ""));
        return cluster.replace(desired, dryRun);
    }

    @Override
    public boolean delete(ResourceKey key, DeleteOptions options) {
        writes.add("delete " + key + (options.dryRun() ? " (dry run)" : ""));
        return cluster.delete(key, options);
    }

    @Override
    public Optional<ResourceType> resourceType(GroupKind kind) {
        return cluster.resourceType(kind);
    }
}
