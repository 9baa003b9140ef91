package dev.capstan.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.InitiatedBy;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.OperationState;
import dev.capstan.api.v1alpha1.RevisionHistory;

/**
 * The rules of asking the controller for an operation, shared by the CLI and the HTTP API: an
 * operation is written into the Application's top-level {@code operation}, and refused while the
 * Application is being deleted or another operation is requested or running; a rollback syncs to
 * the revision and source of a history entry, and is refused for an application that syncs
 * automatically (automated sync would undo it). Pure: callers read and write the Application.
 */
public final class OperationRequests {

    public static final String RUNNING = "Running";
    public static final String TERMINATING = "Terminating";
    public static final String SUCCEEDED = "Succeeded";

    private OperationRequests() {
    }

    /** Whether the state is of an operation that has not finished. */
    public static boolean isRunning(OperationState state) {
        return state != null && (RUNNING.equals(state.getPhase()) || TERMINATING.equals(state.getPhase()));
    }

    /** Why no operation can be asked for now, or empty when one can. */
    public static Optional<Busy> busy(Application application) {
        if (application.getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(Busy.DELETING);
        }
        if (application.getOperation() != null) {
            return Optional.of(Busy.REQUESTED);
        }
        OperationState state = application.getStatus() == null ? null : application.getStatus().getOperationState();
        return isRunning(state) ? Optional.of(Busy.RUNNING) : Optional.empty();
    }

    /** Why an application cannot take another operation now. */
    public enum Busy {
        DELETING("is being deleted"),
        REQUESTED("an operation is already requested and not started yet"),
        RUNNING("an operation is running");

        private final String description;

        Busy(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The operation to write for {@code sync}, initiated by {@code username}. */
    public static Operation of(Operation.SyncOperation sync, String username) {
        var operation = new Operation();
        operation.setSync(Objects.requireNonNull(sync, "sync"));
        var initiatedBy = new InitiatedBy();
        initiatedBy.setUsername(username);
        operation.setInitiatedBy(initiatedBy);
        return operation;
    }

    /** The application's history, oldest first. */
    public static List<RevisionHistory> history(Application application) {
        if (application.getStatus() == null || application.getStatus().getHistory() == null) {
            return List.of();
        }
        return application.getStatus().getHistory().stream()
                .sorted(Comparator.comparing(RevisionHistory::getId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** Whether the application syncs automatically, which a rollback would be undone by. */
    public static boolean syncsAutomatically(Application application) {
        return application.getSpec() != null && application.getSpec().getSyncPolicy() != null
                && application.getSpec().getSyncPolicy().getAutomated() != null;
    }

    /** The history entry with {@code id}, or, without an id, the one before the latest. */
    public static Optional<RevisionHistory> rollbackEntry(Application application, Long id) {
        List<RevisionHistory> history = history(application);
        if (id == null) {
            return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
        }
        return history.stream().filter(entry -> Objects.equals(entry.getId(), id)).findFirst();
    }

    /** The sync that rolls back to {@code entry}: its revision and source. */
    public static Operation.SyncOperation rollbackTo(RevisionHistory entry, boolean prune, boolean dryRun) {
        var sync = new Operation.SyncOperation();
        sync.setRevision(entry.getRevision());
        sync.setSource(entry.getSource());
        sync.setRevisions(entry.getRevisions());
        sync.setSources(entry.getSources());
        sync.setRollbackTo(entry.getId());
        sync.setPrune(prune ? true : null);
        sync.setDryRun(dryRun ? true : null);
        return sync;
    }
}
