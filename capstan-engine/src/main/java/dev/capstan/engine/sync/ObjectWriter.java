package dev.capstan.engine.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;

import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions;
import dev.capstan.engine.cluster.ClusterException;

/**
 * Writes one object of a task: server-side apply (field manager {@code capstan}, conflicts forced),
 * or replace with {@code Replace=true}. A change to an immutable field fails clearly, naming the
 * object and the server's words, unless {@code Force=true}: then the object is deleted and created again.
 * An object whose kind the server does not serve yet is tried again (with back-off) when the plan
 * defines that kind with a CRD: a new CRD takes a moment to be served. A dry run stores nothing, so
 * there the server cannot check an object whose CRD or namespace the sync would create: such an
 * object passes unchecked, saying so, as in Argo CD.
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

    /** Writes the object of {@code task}; what the server returned goes into {@code written}, keyed by the task. */
    TaskResult write(SyncTask task, WriteOptions options, Map<SyncTask, Manifest> written) throws InterruptedException {
        boolean dryRun = options.dryRun();
        TaskStatus status = options.await() ? TaskStatus.RUNNING : TaskStatus.SUCCEEDED;
        String suffix = dryRun ? " (dry run)" : "";
        try {
            written.put(task, send(task, options));
            return TaskResult.of(task, status, doneVerb(task) + suffix);
        } catch (ClusterException e) {
            Optional<String> uncheckable = dryRun ? comesWithThisSync(task, e, options) : Optional.empty();
            if (uncheckable.isPresent()) {
                return TaskResult.of(task, status, doneVerb(task) + " (dry run; not checked by the server: " + uncheckable.get() + ")");
            }
            if (e.reason() != ClusterException.Reason.IMMUTABLE_FIELD) {
                return TaskResult.of(task, TaskStatus.FAILED, ServerMessage.of(e));
            }
            if (!task.force()) {
                return TaskResult.of(task, TaskStatus.FAILED, "cannot change an immutable field: " + ServerMessage.of(e)
                        + " (the sync option Force=true deletes and re-creates it)");
            }
            if (dryRun) {
                return TaskResult.of(task, status, "would be deleted and re-created (Force=true)" + suffix);
            }
            return recreate(task, status, options, e, written);
        }
    }

    private TaskResult recreate(SyncTask task, TaskStatus status, WriteOptions options, ClusterException cause,
                                Map<SyncTask, Manifest> written) throws InterruptedException {
        try {
            retry.call(() -> cluster.delete(task.key(), new DeleteOptions(options.propagation(), false)));
            if (!poller.awaitGone(List.of(task.key())).isEmpty()) {
                return TaskResult.of(task, TaskStatus.FAILED, "deleted to be re-created (Force=true), but still there after " + poller.timeout());
            }
            written.put(task, send(task, options));
            return TaskResult.of(task, status, "deleted and re-created (Force=true): " + ServerMessage.of(cause));
        } catch (ClusterException e) {
            return TaskResult.of(task, TaskStatus.FAILED, "re-creating it (Force=true) failed: " + ServerMessage.of(e));
        }
    }

    /** Why a dry run failed only for want of what the sync itself would create (a CRD, a namespace), or empty. */
    private static Optional<String> comesWithThisSync(SyncTask task, ClusterException e, WriteOptions options) {
        return switch (e.reason()) {
            case UNKNOWN_KIND -> options.kindsDefinedByPlan().contains(task.key().groupKind())
                    ? Optional.of("its CustomResourceDefinition is created by this sync") : Optional.empty();
            case NOT_FOUND -> options.namespacesCreatedByPlan().contains(task.namespace())
                    ? Optional.of("its namespace is created by this sync") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private Manifest send(SyncTask task, WriteOptions options) throws InterruptedException {
        // In a dry run the CRD is never stored, so its kind will not come however long we wait.
        Predicate<ClusterException> kindComing = e -> !options.dryRun() && e.reason() == ClusterException.Reason.UNKNOWN_KIND
                && options.kindsDefinedByPlan().contains(task.key().groupKind());
        if (task.action() == SyncAction.REPLACE) {
            return retry.call(() -> cluster.replace(task.manifest(), options.dryRun()), kindComing);
        }
        boolean validate = options.validate() && ResourceSyncOptions.of(task.manifest()).validate();
        return retry.call(() -> cluster.apply(task.manifest(),
                new ApplyOptions(ApplyOptions.FIELD_MANAGER, true, options.dryRun(), validate)), kindComing);
    }

    /**
     * How to write the objects of one step.
     *
     * @param await whether the written task then waits to become healthy
     * @param kindsDefinedByPlan the kinds the plan's CRDs define
     * @param namespacesCreatedByPlan the namespaces the plan creates
     */
    record WriteOptions(boolean dryRun, boolean await, DeleteOptions.Propagation propagation, Set<GroupKind> kindsDefinedByPlan,
            Set<String> namespacesCreatedByPlan, boolean validate) {
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
