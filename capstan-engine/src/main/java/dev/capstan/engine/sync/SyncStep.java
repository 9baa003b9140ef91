package dev.capstan.engine.sync;

import java.util.List;

import dev.capstan.engine.ResourceKey;

/**
 * The next thing a sync does, as decided by {@link SyncDecider} and carried out by
 * {@link SyncRunner}. Steps that start work in a phase and wave are {@link GroupStep}s.
 */
public sealed interface SyncStep {

    /** A step that works on one group of the plan: one phase, one wave. */
    sealed interface GroupStep extends SyncStep {
        SyncPhase phase();

        int wave();

        List<SyncTask> tasks();
    }

    /**
     * Write the group's objects (create, apply, replace), kind by kind in plan order. With
     * {@code awaitHealthy} each becomes a running task to wait for; without (the last group, or a
     * dry run), it succeeds once written.
     */
    record ApplyWave(SyncPhase phase, int wave, List<SyncTask> tasks, boolean awaitHealthy) implements GroupStep {
        public ApplyWave {
            tasks = List.copyOf(tasks);
        }
    }

    /** Create the group's hooks; with {@code awaitCompletion} (always, unless a dry run) each runs until it completes. */
    record RunHooks(SyncPhase phase, int wave, List<SyncTask> tasks, boolean awaitCompletion) implements GroupStep {
        public RunHooks {
            tasks = List.copyOf(tasks);
        }
    }

    /** Delete the group's objects that are no longer desired, in plan order (reverse kind order). */
    record Prune(SyncPhase phase, int wave, List<SyncTask> tasks) implements GroupStep {
        public Prune {
            tasks = List.copyOf(tasks);
        }
    }

    /** Delete hook objects as their {@code policy} says: before creating them again, or after they succeeded or failed. */
    record DeleteHooks(HookDeletePolicy policy, List<SyncTask> tasks) implements SyncStep {
        public DeleteHooks {
            tasks = List.copyOf(tasks);
        }

        public List<ResourceKey> keys() {
            return tasks.stream().map(SyncTask::key).toList();
        }
    }

    /** Wait until the running tasks' objects are healthy (hooks: complete) or have failed. */
    record AwaitHealthy(List<SyncTask> tasks) implements SyncStep {
        public AwaitHealthy {
            tasks = List.copyOf(tasks);
        }

        public List<ResourceKey> keys() {
            return tasks.stream().map(SyncTask::key).toList();
        }
    }

    /** The sync succeeded. */
    record Finish(String message) implements SyncStep {
    }

    /** The sync failed; {@code message} names the failed objects and what the server or their health said. */
    record Fail(String message) implements SyncStep {
    }
}
