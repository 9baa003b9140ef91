package dev.capstan.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.OperationState;

/**
 * What {@code app wait} waits for: the Application Synced, Healthy, and no operation requested
 * or running. {@link #unmet} says, in words, what is still missing.
 */
record ApplicationWait(boolean sync, boolean health, boolean operation) {

    static ApplicationWait all() {
        return new ApplicationWait(true, true, true);
    }

    /** What is still missing; empty when the Application is there. */
    List<String> unmet(Application application) {
        if (application == null) {
            return List.of("the Application does not exist");
        }
        ApplicationStatus status = Objects.requireNonNullElseGet(application.getStatus(), ApplicationStatus::new);
        List<String> missing = new ArrayList<>();
        if (sync && (status.getSync() == null || !"Synced".equals(status.getSync().getStatus()))) {
            missing.add("sync status is " + ApplicationDescription.syncStatus(status) + ", not Synced");
        }
        if (health && (status.getHealth() == null || !"Healthy".equals(status.getHealth().getStatus()))) {
            missing.add("health is " + ApplicationDescription.health(status.getHealth()));
        }
        if (operation) {
            if (application.getOperation() != null) {
                missing.add("an operation is requested and not started yet (is the controller running?)");
            } else if (OperationStateOutput.isRunning(status.getOperationState())) {
                missing.add("an operation is running: " + OperationStateOutput.summary(status.getOperationState()));
            }
        }
        return missing;
    }

    /**
     * Whether the operation requested after {@code before} (the operation state the Application
     * had when it was requested) has finished: the request taken and cleared, and a new state that
     * is no longer running. A deleted Application counts as finished, for the caller to report.
     */
    static boolean requestFinished(Application application, OperationState before) {
        if (application == null) {
            return true;
        }
        OperationState state = application.getStatus() == null ? null : application.getStatus().getOperationState();
        return application.getOperation() == null && state != null && !OperationStateOutput.isRunning(state)
                && (before == null || !Objects.equals(state.getStartedAt(), before.getStartedAt()));
    }

    static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
