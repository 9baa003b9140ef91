package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.HealthState;
import dev.capstan.api.v1alpha1.InitiatedBy;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.OperationState;

import org.junit.jupiter.api.Test;

class ApplicationWaitTest {

    private static Application application(String sync, String health, String phase, String startedAt) {
        var application = new Application();
        application.setMetadata(new ObjectMeta());
        application.getMetadata().setName("shop");
        var status = new ApplicationStatus();
        var syncStatus = new ApplicationStatus.Sync();
        syncStatus.setStatus(sync);
        status.setSync(syncStatus);
        var healthState = new HealthState();
        healthState.setStatus(health);
        healthState.setMessage(health.equals("Healthy") ? null : "Deployment/shop/web: 1 of 2 replicas available");
        status.setHealth(healthState);
        if (phase != null) {
            var state = new OperationState();
            state.setPhase(phase);
            state.setStartedAt(startedAt);
            state.setMessage("wave 0");
            var operation = new Operation();
            operation.setSync(new Operation.SyncOperation());
            state.setOperation(operation);
            status.setOperationState(state);
        }
        application.setStatus(status);
        return application;
    }

    @Test
    void says_everything_that_is_still_missing() {
        var application = application("OutOfSync", "Progressing", "Running", "2026-01-01T10:00:00Z");

        assertThat(ApplicationWait.all().unmet(application)).containsExactly(
                "sync status is OutOfSync, not Synced",
                "health is Progressing: Deployment/shop/web: 1 of 2 replicas available",
                "an operation is running: Sync Running: wave 0 (started 2026-01-01T10:00:00Z)");
    }

    @Test
    void waits_only_for_what_was_asked() {
        var application = application("OutOfSync", "Healthy", "Running", "2026-01-01T10:00:00Z");

        assertThat(new ApplicationWait(false, true, false).unmet(application)).isEmpty();
        assertThat(new ApplicationWait(true, false, false).unmet(application)).hasSize(1);
    }

    @Test
    void a_requested_operation_not_yet_started_is_still_missing() {
        var application = application("Synced", "Healthy", "Succeeded", "2026-01-01T10:00:00Z");
        var operation = new Operation();
        var initiatedBy = new InitiatedBy();
        initiatedBy.setUsername("alice");
        operation.setInitiatedBy(initiatedBy);
        application.setOperation(operation);

        assertThat(ApplicationWait.all().unmet(application)).singleElement().asString().contains("not started yet");
    }

    @Test
    void the_requested_operation_is_finished_once_a_new_state_has_finished() {
        var before = application("Synced", "Healthy", "Succeeded", "2026-01-01T10:00:00Z").getStatus().getOperationState();

        assertThat(ApplicationWait.requestFinished(application("Synced", "Healthy", "Succeeded", "2026-01-01T10:00:00Z"), before))
                .as("the old state is not the answer").isFalse();
        assertThat(ApplicationWait.requestFinished(application("Synced", "Healthy", "Running", "2026-01-01T11:00:00Z"), before))
                .as("still running").isFalse();
        assertThat(ApplicationWait.requestFinished(application("Synced", "Healthy", "Failed", "2026-01-01T11:00:00Z"), before))
                .isTrue();
        assertThat(ApplicationWait.requestFinished(application("Synced", "Healthy", "Succeeded", "2026-01-01T11:00:00Z"), null))
                .isTrue();
    }

    @Test
    void prints_the_per_resource_results_of_the_engine() {
        var state = new OperationState();
        state.setPhase("Failed");
        state.setSyncResult(Map.of("tasks", List.of(Map.of("group", "apps", "kind", "Deployment", "namespace", "shop",
                "name", "web", "phase", "Sync", "action", "APPLY", "status", "FAILED", "message", "field is immutable"))));

        assertThat(OperationStateOutput.tasks(state)).get().extracting(Table::render).asString().isEqualTo("""
                GROUP  KIND        NAMESPACE  NAME  PHASE  ACTION  STATUS  MESSAGE
                apps   Deployment  shop       web   Sync   APPLY   FAILED  field is immutable
                """);
        assertThat(OperationStateOutput.tasks(new OperationState())).isEmpty();
    }
}
