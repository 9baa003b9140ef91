package dev.capstan.engine.sync;

import java.util.List;

import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions;
import dev.capstan.engine.cluster.ClusterException;

/**
 * Writes one object of a task: server-side apply (field manager {@code capstan}, conflicts forced),
 * or replace with {@code Replace=true}. A change to an immutable field fails clearly, naming the
 * object and the server's words, unless {@code Force=true}: then the object is deleted and created again.
 */
final class ObjectWriter {

    private final ClusterClient cluster;
    private final Retry retry;
    private final Poller poller;

    ObjectWriter(ClusterClient cluster, Retry retry, Poller poller) {
        this.cluster = cluster;
        this.retry = retry;
        this.poller = poller;
    }

    TaskResult write(SyncTask task, boolean dryRun, boolean await, DeleteOptions.Propagation propagation) throws InterruptedException {
        TaskStatus written = await ? TaskStatus.RUNNING : TaskStatus.SUCCEEDED;
        String suffix = dryRun ? " (dry run)" : "";
        try {
            send(task, dryRun);
            return TaskResult.of(task, written, doneVerb(task) + suffix);
        } catch (ClusterException e) {
            if (e.reason() != ClusterException.Reason.IMMUTABLE_FIELD) {
                return TaskResult.of(task, TaskStatus.FAILED, ServerMessage.of(e));
            }
            if (!task.force()) {
                return TaskResult.of(task, TaskStatus.FAILED, "cannot change an immutable field of " + task.key() + ": "
                        + ServerMessage.of(e) + " (the sync option Force=true deletes and re-creates it)");
            }
            if (dryRun) {
                return TaskResult.of(task, written, "would be deleted and re-created (Force=true)" + suffix);
            }
            return recreate(task, written, propagation, e);
        }
    }

    private TaskResult recreate(SyncTask task, TaskStatus written, DeleteOptions.Propagation propagation, ClusterException cause)
            throws InterruptedException {
        try {
            retry.call(() -> cluster.delete(task.key(), new DeleteOptions(propagation, false)));
            if (!poller.awaitGone(List.of(task.key())).isEmpty()) {
                return TaskResult.of(task, TaskStatus.FAILED, "deleted to be re-created (Force=true), but still there after " + poller.timeout());
            }
            send(task, false);
            return TaskResult.of(task, written, "deleted and re-created (Force=true): " + ServerMessage.of(cause));
        } catch (ClusterException e) {
            return TaskResult.of(task, TaskStatus.FAILED, "re-creating it (Force=true) failed: " + ServerMessage.of(e));
        }
    }

    private void send(SyncTask task, boolean dryRun) throws InterruptedException {
        if (task.action() == SyncAction.REPLACE) {
            retry.call(() -> cluster.replace(task.manifest(), dryRun));
        } else {
            retry.call(() -> cluster.apply(task.manifest(), new ApplyOptions(ApplyOptions.FIELD_MANAGER, true, dryRun)));
        }
    }

    private static String doneVerb(SyncTask task) {
        return switch (task.action()) {
            case CREATE, HOOK -> "created";
            case APPLY -> "configured";
            case REPLACE -> "replaced";
            case PRUNE, SKIP -> throw new IllegalArgumentException("not a write: " + task);
        };
    }
}
