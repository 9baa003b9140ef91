package dev.capstan.engine.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.capstan.engine.sync.SyncStep.ApplyWave;
import dev.capstan.engine.sync.SyncStep.AwaitHealthy;
import dev.capstan.engine.sync.SyncStep.DeleteHooks;
import dev.capstan.engine.sync.SyncStep.Fail;
import dev.capstan.engine.sync.SyncStep.Finish;
import dev.capstan.engine.sync.SyncStep.Prune;
import dev.capstan.engine.sync.SyncStep.RunHooks;

/**
 * Decides the next step of a sync from the plan, the state and what was last observed. Pure: it
 * writes nothing and remembers nothing, so the same inputs always give the same step, and a sync
 * resumes from any saved state.
 *
 * <p>The rules, in order: hooks that finished are deleted as their policy says; once a task has
 * failed, the SyncFail hooks run and the sync fails; otherwise the first group (phase and wave)
 * with unfinished tasks is worked on: its prunes, then deleting old hook objects, then writing its
 * resources, then creating its hooks, then waiting until they are all healthy. A group starts only
 * when every earlier group has succeeded. The last group's resources are not waited for (as in
 * Argo CD: a sync is an apply; health is reported separately), but hooks always are.
 */
public final class SyncDecider {

    public SyncStep next(SyncPlan plan, SyncState state, Observations observations) {
        if (state.isFinished()) {
            return state.phase() == OperationPhase.SUCCEEDED ? new Finish(state.message()) : new Fail(state.message());
        }
        Progress progress = new Progress(state.observe(observations));
        boolean dryRun = plan.options().dryRun();
        List<SyncTask> runnable = plan.tasks().stream().filter(task -> !task.isSkipped()).toList();
        List<SyncTask> main = runnable.stream().filter(task -> task.phase() != SyncPhase.SYNC_FAIL).toList();
        List<SyncTask> onFailure = runnable.stream().filter(task -> task.phase() == SyncPhase.SYNC_FAIL).toList();

        Optional<SyncStep> cleanup = finishedHooksToDelete(runnable, progress, dryRun);
        if (cleanup.isPresent()) {
            return cleanup.get();
        }
        List<SyncTask> failed = main.stream().filter(task -> progress.status(task) == TaskStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            return afterFailure(failed, onFailure, progress, dryRun);
        }
        Optional<SyncTask> firstOpen = main.stream().filter(task -> !progress.status(task).isDone()).findFirst();
        if (firstOpen.isEmpty()) {
            return new Finish(dryRun ? "successfully synced (dry run)" : "successfully synced");
        }
        List<SyncTask> group = main.stream().filter(task -> task.isInGroupOf(firstOpen.get())).toList();
        boolean moreToCome = main.stream().anyMatch(task -> !task.isInGroupOf(firstOpen.get()) && progress.status(task) == TaskStatus.PENDING);
        return nextInGroup(group, moreToCome, progress, dryRun);
    }

    private static SyncStep nextInGroup(List<SyncTask> group, boolean moreToCome, Progress progress, boolean dryRun) {
        SyncTask first = group.getFirst();
        List<SyncTask> pending = group.stream().filter(task -> progress.status(task) == TaskStatus.PENDING).toList();
        List<SyncTask> prunes = pending.stream().filter(SyncTask::isPrune).toList();
        if (!prunes.isEmpty()) {
            return new Prune(first.phase(), first.wave(), prunes);
        }
        List<SyncTask> hooks = pending.stream().filter(SyncTask::isHook).toList();
        Optional<SyncStep> oldHooks = oldHooksToDelete(hooks, progress);
        if (oldHooks.isPresent()) {
            return oldHooks.get();
        }
        List<SyncTask> writes = pending.stream().filter(task -> task.action().writesObject() && !task.isHook()).toList();
        if (!writes.isEmpty()) {
            boolean groupHasHooks = group.stream().anyMatch(SyncTask::isHook);
            return new ApplyWave(first.phase(), first.wave(), writes, !dryRun && (moreToCome || groupHasHooks));
        }
        if (!hooks.isEmpty()) {
            return new RunHooks(first.phase(), first.wave(), hooks, !dryRun);
        }
        return new AwaitHealthy(group.stream().filter(task -> progress.status(task) == TaskStatus.RUNNING).toList());
    }

    private static SyncStep afterFailure(List<SyncTask> failed, List<SyncTask> onFailure, Progress progress, boolean dryRun) {
        List<SyncTask> pending = onFailure.stream().filter(task -> progress.status(task) == TaskStatus.PENDING).toList();
        if (!pending.isEmpty()) {
            return oldHooksToDelete(pending, progress)
                    .orElseGet(() -> new RunHooks(SyncPhase.SYNC_FAIL, pending.getFirst().wave(), pending, !dryRun));
        }
        List<SyncTask> running = onFailure.stream().filter(task -> progress.status(task) == TaskStatus.RUNNING).toList();
        if (!running.isEmpty()) {
            return new AwaitHealthy(running);
        }
        String message = "one or more tasks failed: " + describe(failed, progress);
        List<SyncTask> failedHooks = onFailure.stream().filter(task -> progress.status(task) == TaskStatus.FAILED).toList();
        if (!failedHooks.isEmpty()) {
            message += "; one or more SyncFail hooks failed: " + describe(failedHooks, progress);
        }
        return new Fail(message);
    }

    /** Hooks with {@code BeforeHookCreation} whose earlier object (if any) has not been deleted yet. */
    private static Optional<SyncStep> oldHooksToDelete(List<SyncTask> hooks, Progress progress) {
        List<SyncTask> toDelete = hooks.stream()
                .filter(task -> task.deletes(HookDeletePolicy.BEFORE_HOOK_CREATION) && !progress.isHookDeleted(task))
                .toList();
        return toDelete.isEmpty() ? Optional.empty() : Optional.of(new DeleteHooks(HookDeletePolicy.BEFORE_HOOK_CREATION, toDelete));
    }

    /** Hooks that succeeded with {@code HookSucceeded}, then those that failed with {@code HookFailed}. */
    private static Optional<SyncStep> finishedHooksToDelete(List<SyncTask> tasks, Progress progress, boolean dryRun) {
        if (dryRun) {
            return Optional.empty();
        }
        return finishedHooksToDelete(tasks, progress, TaskStatus.SUCCEEDED, HookDeletePolicy.HOOK_SUCCEEDED)
                .or(() -> finishedHooksToDelete(tasks, progress, TaskStatus.FAILED, HookDeletePolicy.HOOK_FAILED));
    }

    private static Optional<SyncStep> finishedHooksToDelete(List<SyncTask> tasks, Progress progress, TaskStatus outcome,
            HookDeletePolicy policy) {
        List<SyncTask> due = tasks.stream()
                .filter(task -> task.isHook() && task.deletes(policy))
                .filter(task -> progress.status(task) == outcome && !progress.isHookDeleted(task))
                .toList();
        return due.isEmpty() ? Optional.empty() : Optional.of(new DeleteHooks(policy, due));
    }

    private static String describe(List<SyncTask> tasks, Progress progress) {
        return tasks.stream()
                .map(task -> task.key() + progress.result(task).map(TaskResult::message).filter(m -> !m.isEmpty()).map(m -> ": " + m).orElse(""))
                .collect(Collectors.joining("; "));
    }

    /** The state indexed by task, for deciding. */
    private static final class Progress {
        private final Map<TaskId, TaskResult> results;

        Progress(SyncState state) {
            this.results = state.tasks().stream().collect(Collectors.toMap(TaskResult::id, Function.identity(), (a, b) -> b));
        }

        Optional<TaskResult> result(SyncTask task) {
            return Optional.ofNullable(results.get(task.id()));
        }

        TaskStatus status(SyncTask task) {
            return result(task).map(TaskResult::status).orElse(task.isSkipped() ? TaskStatus.SKIPPED : TaskStatus.PENDING);
        }

        boolean isHookDeleted(SyncTask task) {
            return result(task).map(TaskResult::hookDeleted).orElse(false);
        }
    }
}
