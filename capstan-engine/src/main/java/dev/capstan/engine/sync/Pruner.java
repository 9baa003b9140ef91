package dev.capstan.engine.sync;

import java.util.Optional;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions;
import dev.capstan.engine.cluster.ClusterException;

/**
 * Deletes one object that is no longer desired, after reading it once more: an object whose live
 * tracking annotation is not this application's (for this very object), or that now says
 * {@code Prune=false}, is left alone whatever the plan said.
 */
final class Pruner {

    private final ClusterClient cluster;
    private final Retry retry;

    Pruner(ClusterClient cluster, Retry retry) {
        this.cluster = cluster;
        this.retry = retry;
    }

    TaskResult prune(SyncTask task, Tracking tracking, DeleteOptions options) throws InterruptedException {
        try {
            Optional<Manifest> live = retry.call(() -> cluster.get(task.key()));
            if (live.isEmpty()) {
                return TaskResult.of(task, TaskStatus.SUCCEEDED, "already gone");
            }
            if (!tracking.owns(live.get())) {
                return TaskResult.of(task, TaskStatus.SKIPPED, "not pruned: not tracked by application " + tracking.application());
            }
            ResourceSyncOptions own = ResourceSyncOptions.of(live.get());
            if (own.forbidsPrune()) {
                return TaskResult.of(task, TaskStatus.SKIPPED, "not pruned: " + own.pruneSetting());
            }
            if (!live.get().string("/metadata/deletionTimestamp").isEmpty()) {
                return TaskResult.of(task, TaskStatus.SUCCEEDED, "pruned (already being deleted)");
            }
            retry.call(() -> cluster.delete(task.key(), options));
            return TaskResult.of(task, TaskStatus.SUCCEEDED, options.dryRun() ? "pruned (dry run)" : "pruned");
        } catch (ClusterException e) {
            return TaskResult.of(task, TaskStatus.FAILED, "prune failed: " + ServerMessage.of(e));
        }
    }
}
