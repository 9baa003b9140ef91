package dev.capstan.kube;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;

/**
 * A real {@link ClusterClient} that also notes every write it passes on ({@code apply
 * ConfigMap/ns/name}, with {@code (dry run)} when it was one), so a test can say which objects
 * were written and which were left alone, and that can let someone else write just before the
 * next dry run, as a controller may.
 */
final class RecordingClusterClient implements ClusterClient {

    private final ClusterClient delegate;
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<ResourceKey> applied = new CopyOnWriteArrayList<>();
    private final AtomicReference<Runnable> beforeNextDryRun = new AtomicReference<>();

    RecordingClusterClient(ClusterClient delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code write} once, just before the next dry-run apply is sent. */
    void beforeNextDryRun(Runnable write) {
        beforeNextDryRun.set(write);
    }

    /** The keys of every apply request, dry runs included, in order. */
    List<ResourceKey> applied() {
        return List.copyOf(applied);
    }

    /** The writes so far, in order: {@code apply|replace|delete <key>}, with {@code (dry run)} when one was. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public Optional<Manifest> get(ResourceKey key) {
        return delegate.get(key);
    }

    @Override
    public List<Manifest> list(GroupKind kind, String namespace, String labelSelector) {
        return delegate.list(kind, namespace, labelSelector);
    }

    @Override
    public Manifest apply(Manifest desired, ApplyOptions options) {
        applied.add(desired.key());
        writes.add("apply " + desired.key() + dryRun(options.dryRun()));
        Runnable write = options.dryRun() ? beforeNextDryRun.getAndSet(null) : null;
        if (write != null) {
            write.run();
        }
        return delegate.apply(desired, options);
    }

    @Override
    public Manifest replace(Manifest desired, boolean dryRun) {
        writes.add("replace " + desired.key() + dryRun(dryRun));
        return delegate.replace(desired, dryRun);
    }

    @Override
    public boolean delete(ResourceKey key, DeleteOptions options) {
        writes.add("delete " + key + dryRun(options.dryRun()));
        return delegate.delete(key, options);
    }

    @Override
    public Optional<ResourceType> resourceType(GroupKind kind) {
        return delegate.resourceType(kind);
    }

    private static String dryRun(boolean dryRun) {
        return dryRun ? " (dry run)" : "";
    }
}
