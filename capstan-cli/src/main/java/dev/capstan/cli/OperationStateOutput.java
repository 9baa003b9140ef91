package dev.capstan.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.capstan.api.v1alpha1.InitiatedBy;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.OperationState;

/**
 * An operation's state as people read it: one summary line (what, phase, message, who, when)
 * and the per-resource results the engine recorded in {@code syncResult.tasks}.
 */
final class OperationStateOutput {

    static final String RUNNING = "Running";
    static final String TERMINATING = "Terminating";
    static final String SUCCEEDED = "Succeeded";

    private OperationStateOutput() {
    }

    static boolean isRunning(OperationState state) {
        return dev.capstan.api.OperationRequests.isRunning(state);
    }

    /** {@code Sync Succeeded: message (by alice, started ..., finished ...)}. */
    static String summary(OperationState state) {
        var text = new StringBuilder(what(state.getOperation())).append(' ')
                .append(state.getPhase() == null ? "(no phase)" : state.getPhase());
        if (state.getMessage() != null && !state.getMessage().isBlank()) {
            text.append(": ").append(state.getMessage());
        }
        var details = new StringBuilder();
        if (state.getOperation() != null) {
            details.append(initiatedBy(state.getOperation().getInitiatedBy()).strip());
        }
        if (state.getStartedAt() != null) {
            details.append(details.isEmpty() ? "" : ", ").append("started ").append(state.getStartedAt());
        }
        if (state.getFinishedAt() != null) {
            details.append(details.isEmpty() ? "" : ", ").append("finished ").append(state.getFinishedAt());
        }
        return details.isEmpty() ? text.toString() : text + " (" + details + ")";
    }

    /** {@code " by alice"}, {@code " by automated sync"}, or nothing. */
    static String initiatedBy(InitiatedBy initiatedBy) {
        if (initiatedBy == null) {
            return "";
        }
        if (Boolean.TRUE.equals(initiatedBy.getAutomated())) {
            return " by automated sync";
        }
        return initiatedBy.getUsername() == null ? "" : " by " + initiatedBy.getUsername();
    }

    /** The per-resource results in {@code syncResult.tasks}, if the engine recorded any. */
    static Optional<Table> tasks(OperationState state) {
        if (state.getSyncResult() == null || !(state.getSyncResult().get("tasks") instanceof List<?> tasks) || tasks.isEmpty()) {
            return Optional.empty();
        }
        var table = new Table("GROUP", "KIND", "NAMESPACE", "NAME", "PHASE", "ACTION", "STATUS", "MESSAGE");
        for (Object task : tasks) {
            if (task instanceof Map<?, ?> result) {
                table.row(result.get("group"), result.get("kind"), result.get("namespace"), result.get("name"),
                        result.get("phase"), result.get("action"), result.get("status"), result.get("message"));
            }
        }
        return Optional.of(table);
    }

    private static String what(Operation operation) {
        if (operation == null || operation.getSync() == null) {
            return "Operation";
        }
        Long rollbackTo = operation.getSync().getRollbackTo();
        return rollbackTo == null ? "Sync" : "Sync (rollback to history " + rollbackTo + ")";
    }
}
