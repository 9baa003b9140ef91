package dev.capstan.engine.sync;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.capstan.engine.ResourceKey;

/**
 * The outcome, so far, of one task of a sync; part of {@link SyncState}.
 *
 * @param message what happened, for people: the server's message on failure, the health message while waiting
 * @param hookDeleted for a hook, that its object has been deleted by its delete policy (before creation, or after it finished)
 */
@JsonPropertyOrder({"group", "kind", "namespace", "name", "phase", "wave", "action", "status", "message", "hookDeleted"})
public record TaskResult(
        String group,
        String kind,
        String namespace,
        String name,
        SyncPhase phase,
        int wave,
        SyncAction action,
        TaskStatus status,
        String message,
        boolean hookDeleted) {

    public TaskResult {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        namespace = namespace == null ? "" : namespace;
        message = message == null ? "" : message;
    }

    /** The result of {@code task} with this status and message. */
    public static TaskResult of(SyncTask task, TaskStatus status, String message) {
        return new TaskResult(task.group(), task.kind(), task.namespace(), task.name(), task.phase(), task.wave(),
                task.action(), status, message, false);
    }

    /** A task before it runs: pending, or skipped with the plan's reason. */
    static TaskResult planned(SyncTask task) {
        return task.isSkipped() ? of(task, TaskStatus.SKIPPED, task.reason()) : of(task, TaskStatus.PENDING, "");
    }

    @JsonIgnore
    public ResourceKey key() {
        return new ResourceKey(group, kind, namespace, name);
    }

    TaskId id() {
        return new TaskId(key(), phase);
    }

    public TaskResult with(TaskStatus newStatus, String newMessage) {
        return new TaskResult(group, kind, namespace, name, phase, wave, action, newStatus, newMessage, hookDeleted);
    }

    TaskResult withHookDeleted(String newMessage) {
        return new TaskResult(group, kind, namespace, name, phase, wave, action, status, newMessage, true);
    }

    @Override
    public String toString() {
        return phase + "/" + wave + " " + action + " " + key() + ": " + status + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
