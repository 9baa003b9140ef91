package dev.capstan.engine.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.capstan.engine.Health;

/**
 * Where a sync stands: its overall phase, the phase and wave it has reached, and every task's
 * result. It is a value that serialises to JSON (into the Application's
 * {@code status.operationState}), so a restarted controller resumes a sync from it: give it, with a
 * freshly computed plan, to {@link SyncRunner#resume}. Every change gives a new state.
 *
 * @param syncPhase the phase reached, or null before the first task ran
 * @param wave the wave reached within {@code syncPhase}
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant, or empty while running
 */
@JsonPropertyOrder({"phase", "syncPhase", "wave", "message", "startedAt", "finishedAt", "tasks"})
public record SyncState(
        OperationPhase phase,
        SyncPhase syncPhase,
        int wave,
        String message,
        String startedAt,
        String finishedAt,
        List<TaskResult> tasks) {

    public SyncState {
        Objects.requireNonNull(phase, "phase");
        message = message == null ? "" : message;
        Objects.requireNonNull(startedAt, "startedAt");
        finishedAt = finishedAt == null ? "" : finishedAt;
        tasks = List.copyOf(tasks);
    }

    /** A sync of {@code plan} that starts now: every task pending, or skipped with the plan's reason. */
    public static SyncState start(SyncPlan plan, Instant now) {
        return new SyncState(OperationPhase.RUNNING, null, 0, "", now.toString(), "",
                plan.tasks().stream().map(TaskResult::planned).toList());
    }

    @JsonIgnore
    public boolean isFinished() {
        return phase.isFinished();
    }

    /** The recorded result of {@code task}, if it has one. */
    public Optional<TaskResult> resultOf(SyncTask task) {
        TaskId id = task.id();
        return tasks.stream().filter(result -> result.id().equals(id)).findFirst();
    }

    /** The status of {@code task}: its recorded one, or (for a task the state has not seen) what the plan says. */
    public TaskStatus statusOf(SyncTask task) {
        return resultOf(task).map(TaskResult::status).orElse(task.isSkipped() ? TaskStatus.SKIPPED : TaskStatus.PENDING);
    }

    /** This state with {@code result} recorded, replacing any earlier result of the same task. */
    public SyncState with(TaskResult result) {
        return with(List.of(result));
    }

    public SyncState with(Collection<TaskResult> results) {
        Map<TaskId, TaskResult> byId = new LinkedHashMap<>();
        tasks.forEach(result -> byId.put(result.id(), result));
        results.forEach(result -> byId.put(result.id(), result));
        return new SyncState(phase, syncPhase, wave, message, startedAt, finishedAt, new ArrayList<>(byId.values()));
    }

    /** This state having reached {@code newPhase} and {@code newWave}. */
    public SyncState reached(SyncPhase newPhase, int newWave) {
        return new SyncState(phase, newPhase, newWave, message, startedAt, finishedAt, tasks);
    }

    /**
     * This state with what was observed folded in: a running task whose object's health is known
     * becomes succeeded or failed by {@link HealthVerdict}, or stays running with the health as its message.
     */
    public SyncState observe(Observations observations) {
        if (observations.health().isEmpty()) {
            return this;
        }
        List<TaskResult> updated = tasks.stream().map(result -> {
            Health health = observations.health().get(result.key());
            if (result.status() != TaskStatus.RUNNING || health == null) {
                return result;
            }
            return result.with(HealthVerdict.of(health, result.action() == SyncAction.HOOK), health.toString());
        }).toList();
        return new SyncState(phase, syncPhase, wave, message, startedAt, finishedAt, updated);
    }

    /** This state finished: tasks that never ran are marked skipped, saying why. */
    public SyncState finished(OperationPhase newPhase, String newMessage, Instant now) {
        List<TaskResult> closed = tasks.stream()
                .map(result -> result.status() != TaskStatus.PENDING ? result
                        : result.with(TaskStatus.SKIPPED, notRunBecause(newPhase, result)))
                .toList();
        return new SyncState(newPhase, syncPhase, wave, newMessage, startedAt, now.toString(), closed);
    }

    private static String notRunBecause(OperationPhase outcome, TaskResult result) {
        if (outcome == OperationPhase.SUCCEEDED) {
            return result.phase() == SyncPhase.SYNC_FAIL ? "not needed: the sync succeeded" : "not run";
        }
        return "not run: the sync " + (outcome == OperationPhase.ERROR ? "stopped with an error" : "failed");
    }

    /** The results that failed, in order. */
    @JsonIgnore
    public List<TaskResult> failures() {
        return tasks.stream().filter(result -> result.status() == TaskStatus.FAILED).toList();
    }
}
