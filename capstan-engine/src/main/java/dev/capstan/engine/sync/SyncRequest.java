package dev.capstan.engine.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/**
 * Everything the {@link SyncPlanner} looks at.
 *
 * @param application the application's name, for tracking
 * @param destinationNamespace the namespace the application deploys to (empty if none); created with {@code CreateNamespace}
 * @param desired the rendered manifests, namespaced already
 * @param live the live objects of the desired keys, of the application's inventory (prune candidates) and of
 *        the destination namespace, by key; an absent key means the object does not exist
 * @param outOfSync the keys that differ from the cluster, for {@code ApplyOutOfSyncOnly}
 * @param options how to sync
 * @param operationId names hooks that only have {@code generateName}; pass the same id when a sync resumes
 */
public record SyncRequest(
        String application,
        String destinationNamespace,
        List<Manifest> desired,
        Map<ResourceKey, Manifest> live,
        Set<ResourceKey> outOfSync,
        SyncOptions options,
        String operationId) {

    public SyncRequest {
        Objects.requireNonNull(application, "application");
        destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
        desired = List.copyOf(desired);
        live = Map.copyOf(live);
        outOfSync = Set.copyOf(outOfSync);
        Objects.requireNonNull(options, "options");
        operationId = operationId == null ? "" : operationId;
    }

    /** A request with default options, nothing known to be out of sync and no operation id. */
    public static SyncRequest of(String application, String destinationNamespace, List<Manifest> desired,
            Map<ResourceKey, Manifest> live) {
        return new SyncRequest(application, destinationNamespace, desired, live, Set.of(), SyncOptions.defaults(), "");
    }

    public SyncRequest withOptions(SyncOptions newOptions) {
        return new SyncRequest(application, destinationNamespace, desired, live, outOfSync, newOptions, operationId);
    }

    public SyncRequest withOutOfSync(Set<ResourceKey> newOutOfSync) {
        return new SyncRequest(application, destinationNamespace, desired, live, newOutOfSync, options, operationId);
    }

    public SyncRequest withOperationId(String newOperationId) {
        return new SyncRequest(application, destinationNamespace, desired, live, outOfSync, options, newOperationId);
    }
}
