package dev.capstan.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.OperationState;
import dev.capstan.api.v1alpha1.RetryStrategy;
import dev.capstan.api.v1alpha1.RevisionHistory;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.sync.AppliedFingerprint;
import dev.capstan.engine.sync.AppliedInventory;
import dev.capstan.engine.sync.OperationPhase;
import dev.capstan.engine.sync.SyncAction;
import dev.capstan.engine.sync.SyncListener;
import dev.capstan.engine.sync.SyncOptions;
import dev.capstan.engine.sync.SyncPlan;
import dev.capstan.engine.sync.SyncPlanner;
import dev.capstan.engine.sync.SyncRequest;
import dev.capstan.engine.sync.SyncRunner;
import dev.capstan.engine.sync.SyncState;
import dev.capstan.engine.sync.TaskResult;
import dev.capstan.engine.sync.TaskStatus;
import dev.capstan.controller.live.LiveObjects;

/**
 * Carries out a sync operation of an Application: plans it with the engine, runs it, and keeps
 * {@code status.operationState} current while it runs (the engine's state, so a controller that
 * is stopped mid-sync resumes where it was); when it ends, records the inventory of what was
 * applied, a history entry and an Event, and schedules a retry if the policy asks for one.
 */
final class OperationRunner {

    static final String PHASE_RUNNING = "Running";
    private static final Duration SAVE_EVERY = Duration.ofSeconds(1);

    private final Applications applications;
    private final ClusterClient cluster;
    private final HealthAssessor health;
    private final ApplicationEvents events;
    private final LiveObjects live;
    private final Clock clock;

    OperationRunner(Applications applications, ClusterClient cluster, HealthAssessor health, ApplicationEvents events,
                    LiveObjects live, Clock clock) {
        this.applications = applications;
        this.live = live;
        this.cluster = cluster;
        this.health = health;
        this.events = events;
        this.clock = clock;
    }

    /** The result: the application as last written, and when to look again for a retry (if any). */
    record Outcome(Application application, ApplicationStatus status, Optional<Duration> retryIn) {
    }

    /**
     * Runs {@code operation} to the end.
     *
     * @param live       every live object of the application, and the destination namespace
     * @param outOfSync  the desired objects known to differ
     * @param resumeFrom the saved state of this operation when resuming it after a restart
     */
    Outcome run(Application application, ApplicationStatus status, Operation operation, Target target,
                Map<ResourceKey, Manifest> live, Set<ResourceKey> outOfSync, Optional<SyncState> resumeFrom)
            throws InterruptedException {
        String name = application.getMetadata().getName();
        OperationState state = Objects.requireNonNullElseGet(status.getOperationState(), OperationState::new);
        if (resumeFrom.isEmpty() || !PHASE_RUNNING.equals(state.getPhase())) {
            state = new OperationState();
            state.setOperation(operation);
            state.setPhase(PHASE_RUNNING);
            state.setStartedAt(clock.instant().toString());
            state.setRetryCount(status.getOperationState() != null && PHASE_RUNNING.equals(status.getOperationState().getPhase())
                    ? status.getOperationState().getRetryCount() : null);
        }
        state.setMessage("syncing to " + target.shortRevision());
        state.setFinishedAt(null);
        status.setOperationState(state);
        SyncOptions options = options(application, operation);
        SyncPlan plan = new SyncPlanner().plan(SyncRequest.of(name, destinationNamespace(application), target.desired(), live)
                .withOutOfSync(outOfSync).withOptions(options).withOperationId(operationId(state)));
        var saver = new Saver(application, status, target, worthSaving(operation, plan, resumeFrom));
        saver.save(resumeFrom.orElseGet(() -> SyncState.start(plan, clock.instant())), true);
        var fingerprints = new AppliedInventory.Fingerprints();
        SyncListener listener = new SyncListener() {
            @Override
            public void objectWritten(dev.capstan.engine.sync.SyncTask task, Manifest result) {
                fingerprints.objectWritten(task, result);
                if (!options.dryRun()) {
                    OperationRunner.this.live.written(result);
                }
            }

            @Override
            public void taskDone(TaskResult result) {
                if (!options.dryRun() && result.action() == SyncAction.PRUNE && result.status() == TaskStatus.SUCCEEDED) {
                    OperationRunner.this.live.deleted(result.key());
                }
            }

            @Override
            public void stateChanged(SyncState changed) {
                saver.save(changed, false);
            }
        };
        var runner = new SyncRunner(cluster, object -> health.assess(object).health(), listener);
        SyncState finished = resumeFrom.isPresent() ? runner.resume(plan, resumeFrom.get()) : runner.run(plan);
        return finish(saver.application, status, operation, target, finished, fingerprints.written());
    }

    /**
     * Whether the running state is worth saving as the sync goes: not for an automated sync of one
     * group without hooks (a self-heal, most new revisions), which a restarted controller simply
     * starts again from what it sees, and whose saves would only delay the one apply that matters.
     */
    private static boolean worthSaving(Operation operation, SyncPlan plan, Optional<SyncState> resumeFrom) {
        boolean automated = operation.getInitiatedBy() != null && Boolean.TRUE.equals(operation.getInitiatedBy().getAutomated());
        if (!automated || resumeFrom.isPresent()) {
            return true;
        }
        Set<String> groups = new LinkedHashSet<>();
        for (var task : plan.tasks()) {
            if (task.isHook()) {
                return true;
            }
            if (!task.isSkipped()) {
                groups.add(task.phase() + "/" + task.wave());
            }
        }
        return groups.size() > 1;
    }

    private Outcome finish(Application application, ApplicationStatus status, Operation operation, Target target,
                           SyncState finished, Map<ResourceKey, AppliedFingerprint> written) {
        boolean dryRun = operation.getSync() != null && Boolean.TRUE.equals(operation.getSync().getDryRun());
        OperationState state = status.getOperationState();
        state.setSyncResult(syncResult(target, finished));
        state.setFinishedAt(finished.finishedAt());
        if (!dryRun) {
            var tracked = Inventory.read(status.getInventory());
            status.setInventory(Inventory.write(AppliedInventory.after(target.desired(), tracked, finished, written)));
        }
        Optional<Duration> retryIn = Optional.empty();
        if (finished.phase() == OperationPhase.SUCCEEDED) {
            state.setPhase("Succeeded");
            state.setMessage(summary(finished, target, dryRun));
            if (!dryRun) {
                addHistory(application, status, operation, target);
            }
            events.record(application, ApplicationEvents.Type.Normal, "Synced", state.getMessage());
        } else {
            String failure = (finished.phase() == OperationPhase.ERROR ? "error: " : "failed: ") + finished.message();
            retryIn = retryDelay(application, operation, state);
            if (retryIn.isPresent()) {
                long attempt = Objects.requireNonNullElse(state.getRetryCount(), 0L) + 1;
                state.setRetryCount(attempt);
                state.setPhase(PHASE_RUNNING);
                state.setMessage("sync " + failure + "; retry " + attempt + " in " + retryIn.get().toSeconds() + "s");
            } else {
                state.setPhase(finished.phase() == OperationPhase.ERROR ? "Error" : "Failed");
                state.setMessage("sync to " + target.shortRevision() + " " + failure);
            }
            events.record(application, ApplicationEvents.Type.Warning, "SyncFailed", state.getMessage());
        }
        // A retry comes back later, so its state is written now; otherwise the reconcile writes it with the comparison after the sync.
        return new Outcome(retryIn.isPresent() ? applications.writeStatus(application, status) : application, status, retryIn);
    }

    private static String summary(SyncState finished, Target target, boolean dryRun) {
        long applied = finished.tasks().stream().filter(task -> task.status() == TaskStatus.SUCCEEDED
                && task.action() != SyncAction.PRUNE && task.action() != SyncAction.SKIP).count();
        long pruned = finished.tasks().stream().filter(task -> task.status() == TaskStatus.SUCCEEDED && task.action() == SyncAction.PRUNE).count();
        return (dryRun ? "dry run of the sync to " : "synced to ") + target.shortRevision() + ": " + applied + " applied, "
                + pruned + " pruned" + (finished.message().isEmpty() ? "" : "; " + finished.message());
    }

    private void addHistory(Application application, ApplicationStatus status, Operation operation, Target target) {
        List<RevisionHistory> history = new ArrayList<>(Objects.requireNonNullElse(status.getHistory(), List.of()));
        long id = history.stream().map(RevisionHistory::getId).filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(-1) + 1;
        var entry = new RevisionHistory();
        entry.setId(id);
        entry.setRevision(target.multiSource() ? null : target.revision());
        entry.setRevisions(target.multiSource() ? target.revisions() : null);
        entry.setDeployedAt(clock.instant().toString());
        entry.setInitiatedBy(operation.getInitiatedBy());
        entry.setSource(target.source());
        entry.setSources(target.multiSource() ? target.sources() : null);
        history.add(entry);
        long limit = Objects.requireNonNullElse(application.getSpec().getRevisionHistoryLimit(), 10L);
        while (history.size() > Math.max(1, limit)) {
            history.removeFirst();
        }
        status.setHistory(history);
    }

    private Optional<Duration> retryDelay(Application application, Operation operation, OperationState state) {
        RetryStrategy retry = operation.getRetry() != null ? operation.getRetry()
                : application.getSpec().getSyncPolicy() == null ? null : application.getSpec().getSyncPolicy().getRetry();
        if (retry == null || retry.getLimit() == null) {
            return Optional.empty();
        }
        long done = Objects.requireNonNullElse(state.getRetryCount(), 0L);
        if (retry.getLimit() >= 0 && done >= retry.getLimit()) {
            return Optional.empty();
        }
        var backoff = retry.getBackoff();
        Duration base = backoff == null || backoff.getDuration() == null ? Duration.ofSeconds(5) : Durations.parse(backoff.getDuration());
        long factor = backoff == null || backoff.getFactor() == null ? 2 : backoff.getFactor();
        Duration max = backoff == null || backoff.getMaxDuration() == null ? Duration.ofMinutes(3) : Durations.parse(backoff.getMaxDuration());
        Duration delay = base;
        for (long i = 0; i < done && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(factor);
        }
        return Optional.of(delay.compareTo(max) > 0 ? max : delay);
    }

    static SyncOptions options(Application application, Operation operation) {
        var policy = application.getSpec().getSyncPolicy();
        List<String> syncOptions = new ArrayList<>();
        if (policy != null && policy.getSyncOptions() != null) {
            syncOptions.addAll(policy.getSyncOptions());
        }
        var sync = operation.getSync();
        boolean automated = operation.getInitiatedBy() != null && Boolean.TRUE.equals(operation.getInitiatedBy().getAutomated());
        boolean prune = automated ? policy != null && policy.getAutomated() != null && Boolean.TRUE.equals(policy.getAutomated().getPrune())
                : sync != null && Boolean.TRUE.equals(sync.getPrune());
        SyncOptions options = SyncOptions.defaults().withApplyOutOfSyncOnly(true).withPrune(prune);
        if (sync != null) {
            if (sync.getSyncOptions() != null) {
                syncOptions.addAll(sync.getSyncOptions());
            }
            options = options.withDryRun(Boolean.TRUE.equals(sync.getDryRun()));
            if (sync.getResources() != null && !sync.getResources().isEmpty()) {
                Set<ResourceKey> selected = new LinkedHashSet<>();
                String namespace = destinationNamespace(application);
                for (var resource : sync.getResources()) {
                    String resourceNamespace = resource.getNamespace() == null ? namespace : resource.getNamespace();
                    selected.add(ResourceKey.of(new GroupKind(Objects.requireNonNullElse(resource.getGroup(), ""), resource.getKind()),
                            resourceNamespace, resource.getName()));
                }
                options = options.withResources(selected);
            }
        }
        return options.withSyncOptions(syncOptions);
    }

    static String destinationNamespace(Application application) {
        var destination = application.getSpec().getDestination();
        return destination == null || destination.getNamespace() == null ? "" : destination.getNamespace();
    }

    private static String operationId(OperationState state) {
        return Integer.toHexString(Objects.requireNonNullElse(state.getStartedAt(), "").hashCode());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> syncResult(Target target, SyncState state) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("revision", target.revision());
        result.put("source", target.sourceKey());
        result.put("state", ManifestFormat.JSON.convertValue(state, Map.class));
        return result;
    }

    /** The saved engine state of a running operation, if there is one to resume. */
    static Optional<SyncState> savedState(OperationState state) {
        if (state == null || state.getSyncResult() == null || !(state.getSyncResult().get("state") instanceof Map<?, ?> saved)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ManifestFormat.JSON.convertValue(saved, SyncState.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the running state into the status, at most once a second and at every step of the phases. */
    private final class Saver {
        private Application application;
        private final ApplicationStatus status;
        private final Target target;
        private final boolean enabled;
        private Instant savedAt = Instant.EPOCH;
        private String savedPosition = "";

        Saver(Application application, ApplicationStatus status, Target target, boolean enabled) {
            this.application = application;
            this.status = status;
            this.target = target;
            this.enabled = enabled;
        }

        Application save(SyncState state, boolean always) {
            if (!enabled) {
                return application;
            }
            Instant now = clock.instant();
            String position = state.syncPhase() + "/" + state.wave() + "/" + state.phase();
            if (!always && position.equals(savedPosition) && now.isBefore(savedAt.plus(SAVE_EVERY))) {
                return application;
            }
            status.getOperationState().setSyncResult(syncResult(target, state));
            application = applications.writeStatus(application, status);
            savedAt = now;
            savedPosition = position;
            return application;
        }
    }
}
