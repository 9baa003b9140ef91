package dev.capstan.engine.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.sync.SyncStep.ApplyWave;
import dev.capstan.engine.sync.SyncStep.AwaitHealthy;
import dev.capstan.engine.sync.SyncStep.DeleteHooks;
import dev.capstan.engine.sync.SyncStep.Fail;
import dev.capstan.engine.sync.SyncStep.Finish;
import dev.capstan.engine.sync.SyncStep.GroupStep;
import dev.capstan.engine.sync.SyncStep.Prune;
import dev.capstan.engine.sync.SyncStep.RunHooks;

/**
 * Carries out a {@link SyncPlan}: asks the {@link SyncDecider} for the next step, performs it
 * through the {@link ClusterClient}, records what happened in a new {@link SyncState}, and again,
 * until the sync finishes. Started with a saved state, it resumes where that state stands.
 *
 * <p>The health function says how healthy a live object is. Kinds it has no rule for must be
 * Healthy (a ConfigMap is fine once it exists); a Job is Healthy once complete and Degraded once failed.
 */
public final class SyncRunner {

    /** A guard against a decider that stops making progress; no real plan needs this many steps. */
    private static final int MAX_STEPS = 100_000;

    private final Clock clock;
    private final SyncListener listener;
    private final SyncDecider decider = new SyncDecider();
    private final ParallelTasks parallel;
    private final Poller poller;
    private final ObjectWriter writer;
    private final Pruner pruner;
    private final ClusterClient cluster;
    private final Retry retry;

    public SyncRunner(ClusterClient cluster, Function<Manifest, Health> health, SyncRunnerOptions options, Clock clock,
            Sleeper sleeper, SyncListener listener) {
        this.cluster = cluster;
        this.clock = clock;
        this.listener = listener;
        this.retry = new Retry(options, sleeper);
        this.parallel = new ParallelTasks(options.parallelism());
        this.poller = new Poller(cluster, health, retry, clock, sleeper, options);
        this.writer = new ObjectWriter(cluster, retry, poller);
        this.pruner = new Pruner(cluster, retry);
    }

    /** A runner with default options, the system clock and real sleeps. */
    public SyncRunner(ClusterClient cluster, Function<Manifest, Health> health, SyncListener listener) {
        this(cluster, health, SyncRunnerOptions.defaults(), Clock.systemUTC(), Sleeper.SYSTEM, listener);
    }

    /** Runs a new sync of {@code plan} to the end. */
    public SyncState run(SyncPlan plan) throws InterruptedException {
        SyncState started = SyncState.start(plan, clock.instant());
        listener.stateChanged(started);
        return resume(plan, started);
    }

    /**
     * Runs the sync of {@code plan} on from {@code state} to the end. If the thread is interrupted,
     * the state so far is saved (through the listener) and the interruption thrown, so the sync can be resumed.
     */
    public SyncState resume(SyncPlan plan, SyncState state) throws InterruptedException {
        SyncState current = state;
        for (int steps = 0; !current.isFinished(); steps++) {
            SyncStep step = decider.next(plan, current, Observations.none());
            listener.stepStarted(step);
            try {
                current = steps < MAX_STEPS ? perform(step, plan, current)
                        : current.finished(OperationPhase.ERROR, "the sync made no progress after " + MAX_STEPS + " steps", clock.instant());
            } catch (RuntimeException e) {
                current = current.finished(OperationPhase.ERROR, "the sync stopped: " + describe(e), clock.instant());
            }
            listener.stateChanged(current);
        }
        listener.finished(current);
        return current;
    }

    private SyncState perform(SyncStep step, SyncPlan plan, SyncState state) throws InterruptedException {
        return switch (step) {
            case ApplyWave apply -> write(entered(state, apply), apply.tasks(), writeOptions(plan, apply.awaitHealthy()));
            case RunHooks hooks -> write(entered(state, hooks), hooks.tasks(), writeOptions(plan, hooks.awaitCompletion()));
            case Prune prune -> prune(entered(state, prune), prune, plan);
            case DeleteHooks delete -> deleteHooks(state, delete, plan);
            case AwaitHealthy await -> awaitHealthy(state, await);
            case Finish finish -> state.finished(OperationPhase.SUCCEEDED, finish.message(), clock.instant());
            case Fail fail -> state.finished(OperationPhase.FAILED, fail.message(), clock.instant());
        };
    }

    private SyncState write(SyncState state, List<SyncTask> tasks, ObjectWriter.WriteOptions options) throws InterruptedException {
        Map<SyncTask, Manifest> written = new ConcurrentHashMap<>();
        List<TaskResult> results = parallel.kindByKind(tasks, task -> writer.write(task, options, written));
        tasks.stream().filter(written::containsKey).forEach(task -> listener.objectWritten(task, written.get(task)));
        return record(state, results);
    }

    private static ObjectWriter.WriteOptions writeOptions(SyncPlan plan, boolean await) {
        Set<GroupKind> definedKinds = plan.tasks().stream().map(SyncTask::definedKind).flatMap(Optional::stream).collect(Collectors.toSet());
        Set<String> createdNamespaces = plan.tasks().stream().map(SyncTask::createdNamespace).flatMap(Optional::stream).collect(Collectors.toSet());
        return new ObjectWriter.WriteOptions(plan.options().dryRun(), await, plan.options().prunePropagation(), definedKinds,
                createdNamespaces, plan.options().validate());
    }

    private SyncState entered(SyncState state, GroupStep step) {
        if (state.syncPhase() != step.phase()) {
            listener.phaseStarted(step.phase());
        }
        if (state.syncPhase() != step.phase() || state.wave() != step.wave()) {
            listener.waveStarted(step.phase(), step.wave());
        }
        return state.reached(step.phase(), step.wave());
    }

    private SyncState prune(SyncState state, Prune step, SyncPlan plan) throws InterruptedException {
        DeleteOptions options = new DeleteOptions(plan.options().prunePropagation(), plan.options().dryRun());
        Tracking tracking = plan.tracking();
        List<TaskResult> results = new ArrayList<>(parallel.kindByKind(step.tasks(), task -> pruner.prune(task, tracking, options)));
        if (!plan.options().dryRun()) {
            List<ResourceKey> deleted = results.stream().filter(result -> result.status() == TaskStatus.SUCCEEDED).map(TaskResult::key).toList();
            Set<ResourceKey> lingering = poller.awaitGone(deleted);
            results.replaceAll(result -> lingering.contains(result.key())
                    ? result.with(TaskStatus.FAILED, "deleted, but still there after " + poller.timeout())
                    : result);
        }
        return record(state, results);
    }

    private SyncState deleteHooks(SyncState state, DeleteHooks step, SyncPlan plan) throws InterruptedException {
        boolean dryRun = plan.options().dryRun();
        DeleteOptions options = new DeleteOptions(plan.options().prunePropagation(), dryRun);
        List<TaskResult> results = new ArrayList<>(parallel.inParallel(step.tasks(), task -> {
            TaskResult before = state.resultOf(task).orElseGet(() -> TaskResult.planned(task));
            try {
                boolean existed = retry.call(() -> cluster.delete(task.key(), options));
                return before.withHookDeleted(deletionNote(before, step.policy(), existed));
            } catch (ClusterException e) {
                String failure = "deleting the hook (" + step.policy() + ") failed: " + ServerMessage.of(e);
                return before.with(TaskStatus.FAILED, failure).withHookDeleted(failure);
            }
        }));
        if (step.policy() == HookDeletePolicy.BEFORE_HOOK_CREATION && !dryRun) {
            Set<ResourceKey> lingering = poller.awaitGone(step.keys());
            results.replaceAll(result -> lingering.contains(result.key())
                    ? result.with(TaskStatus.FAILED, "the earlier hook object is still there after " + poller.timeout())
                    : result);
        }
        return record(state, results);
    }

    private static String describe(RuntimeException e) {
        return e instanceof ClusterException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String deletionNote(TaskResult before, HookDeletePolicy policy, boolean existed) {
        if (policy == HookDeletePolicy.BEFORE_HOOK_CREATION) {
            return existed ? "deleted the earlier object before creating the hook" : "";
        }
        return (before.message().isEmpty() ? "" : before.message() + " ") + "(deleted by " + policy + ")";
    }

    /** Looks at the running objects until all are healthy or failed, or the wave timeout passes. */
    private SyncState awaitHealthy(SyncState state, AwaitHealthy step) throws InterruptedException {
        Instant start = clock.instant();
        SyncState current = state;
        List<SyncTask> waiting = step.tasks();
        while (true) {
            Map<ResourceKey, Health> seen = poller.healthOf(waiting.stream().map(SyncTask::key).toList());
            SyncState observed = current.observe(Observations.of(seen));
            waiting.stream().map(observed::resultOf).flatMap(Optional::stream)
                    .filter(result -> result.status().isDone())
                    .forEach(listener::taskDone);
            current = observed;
            SyncState now = current;
            waiting = waiting.stream().filter(task -> now.statusOf(task) == TaskStatus.RUNNING).toList();
            if (waiting.isEmpty()) {
                return current;
            }
            if (poller.hasTimedOut(start)) {
                return record(current, waiting.stream()
                        .map(task -> TaskResult.of(task, TaskStatus.FAILED, "not healthy after " + poller.timeout() + ": " + seen.get(task.key())))
                        .toList());
            }
            listener.stateChanged(current);
            poller.pause();
        }
    }

    private SyncState record(SyncState state, List<TaskResult> results) {
        for (TaskResult result : results) {
            if (result.status() == TaskStatus.RUNNING) {
                listener.taskRunning(result);
            } else if (result.status().isDone()) {
                listener.taskDone(result);
            }
        }
        return state.with(results);
    }
}
