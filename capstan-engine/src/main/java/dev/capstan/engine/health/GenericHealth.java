package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;
import tools.jackson.databind.JsonNode;

/**
 * The health of a kind nothing else knows, usually a custom resource, read from the
 * conventions most controllers follow. In order:
 * <ol>
 *   <li>{@code spec.suspend} or {@code spec.paused} true: Suspended.</li>
 *   <li>No health information: a configuration-only kind ({@link KindsWithoutHealth}) or an
 *       object with no (or an empty) {@code status}.</li>
 *   <li>{@code status.observedGeneration} below {@code metadata.generation}: Progressing.</li>
 *   <li>Conditions: {@code Stalled=True} Degraded and {@code Reconciling=True} Progressing
 *       (kstatus); then the first of {@code Ready}, {@code Available}, {@code Healthy},
 *       {@code Succeeded}, {@code Synced}: True Healthy, False Degraded, otherwise Progressing.</li>
 *   <li>{@code status.phase}: Running, Succeeded, Active, Ready, Bound... Healthy; Pending,
 *       Provisioning, Progressing... Progressing; Failed, Error... Degraded.</li>
 *   <li>{@code status.observedGeneration} present and current, nothing else said: Healthy.</li>
 *   <li>Otherwise Unknown: "nothing to judge".</li>
 * </ol>
 *
 * <p><b>No health information.</b> Argo CD gives kinds without a health check no health at all,
 * and leaves them out of the application's health. Capstan does the same, but as a value: such
 * an object is {@code Healthy} with the message "no health information", decided by
 * {@value HealthAssessment#NO_HEALTH_INFORMATION}, and {@link HealthAssessment#hasHealthInformation()}
 * lets the aggregate skip it. This covers ConfigMaps, Secrets, ServiceAccounts, RBAC and other
 * configuration kinds, and custom resources with no status (many are pure configuration, such as
 * a ServiceMonitor; a controller that has not written a status yet cannot be told apart). A
 * custom resource that <em>has</em> a status in which nothing above is recognisable is
 * {@code Unknown}, so that a user notices and writes a rule for it.
 */
final class GenericHealth {

    static final String NO_HEALTH_INFORMATION = "no health information";
    private static final List<String> READINESS_CONDITIONS = List.of("Ready", "Available", "Healthy", "Succeeded", "Synced");
    private static final Map<String, HealthStatus> PHASES = phases();

    HealthAssessment assess(Manifest live) {
        var object = LiveObject.of(live);
        return suspended(object)
                .or(() -> withoutHealthInformation(object))
                .or(() -> generationNotObserved(object))
                .or(() -> conditions(object))
                .or(() -> phase(object))
                .or(() -> generationObserved(object))
                .orElseGet(() -> nothingToJudge(object));
    }

    private static Optional<HealthAssessment> suspended(LiveObject object) {
        for (String field : List.of("suspend", "paused")) {
            if (object.flag("/spec/" + field)) {
                return decided(object, "suspend", Health.suspended("spec." + field + " is true"));
            }
        }
        return Optional.empty();
    }

    private static Optional<HealthAssessment> withoutHealthInformation(LiveObject object) {
        JsonNode status = object.manifest().at("/status");
        boolean noStatus = !status.isObject() || status.isEmpty();
        if (noStatus || KindsWithoutHealth.contains(object.manifest().groupKind())) {
            return Optional.of(new HealthAssessment(object.manifest().key(), Health.healthy(NO_HEALTH_INFORMATION),
                    HealthAssessment.NO_HEALTH_INFORMATION));
        }
        return Optional.empty();
    }

    private static Optional<HealthAssessment> generationNotObserved(LiveObject object) {
        var observed = object.optionalNumber("/status/observedGeneration");
        if (observed.isPresent() && observed.getAsLong() < object.generation()) {
            return decided(object, "observedGeneration", Health.progressing(
                    "Waiting for the controller to observe generation %d (it has seen %d)".formatted(object.generation(), observed.getAsLong())));
        }
        return Optional.empty();
    }

    private static Optional<HealthAssessment> conditions(LiveObject object) {
        var stalled = object.condition("Stalled").filter(Condition::isTrue);
        if (stalled.isPresent()) {
            return decided(object, "conditions", Health.degraded(stalled.get().summary()));
        }
        var reconciling = object.condition("Reconciling").filter(Condition::isTrue);
        if (reconciling.isPresent()) {
            return decided(object, "conditions", Health.progressing(reconciling.get().summary()));
        }
        for (String type : READINESS_CONDITIONS) {
            var condition = object.condition(type);
            if (condition.isPresent()) {
                return decided(object, "conditions", readiness(condition.get()));
            }
        }
        return Optional.empty();
    }

    private static Health readiness(Condition condition) {
        if (condition.isTrue()) {
            return Health.healthy(condition.message().isEmpty() ? condition.type() + " is True" : condition.message());
        }
        return condition.isFalse() ? Health.degraded(condition.summary()) : Health.progressing(condition.summary());
    }

    private static Optional<HealthAssessment> phase(LiveObject object) {
        String phase = object.text("/status/phase");
        HealthStatus status = PHASES.get(phase.toLowerCase(Locale.ROOT));
        if (status == null) {
            return Optional.empty();
        }
        String message = object.text("/status/message");
        return decided(object, "phase", new Health(status, "phase " + phase + (message.isEmpty() ? "" : ": " + message)));
    }

    private static Optional<HealthAssessment> generationObserved(LiveObject object) {
        var observed = object.optionalNumber("/status/observedGeneration");
        if (observed.isPresent()) {
            return decided(object, "observedGeneration", Health.healthy(
                    "the controller has observed the latest generation (%d)".formatted(observed.getAsLong())));
        }
        return Optional.empty();
    }

    private static HealthAssessment nothingToJudge(LiveObject object) {
        var found = new ArrayList<String>();
        var conditions = object.conditions();
        if (!conditions.isEmpty()) {
            found.add("conditions " + String.join(", ", conditions.stream().map(Condition::type).toList()));
        }
        if (!object.text("/status/phase").isEmpty()) {
            found.add("phase " + object.text("/status/phase"));
        }
        String message = found.isEmpty()
                ? "nothing to judge: no conditions, phase or observedGeneration"
                : "nothing to judge: no recognised conditions, phase or observedGeneration (found " + String.join("; ", found) + ")";
        return new HealthAssessment(object.manifest().key(), Health.unknown(message), "generic:unknown");
    }

    private static Optional<HealthAssessment> decided(LiveObject object, String aspect, Health health) {
        return Optional.of(new HealthAssessment(object.manifest().key(), health, "generic:" + aspect));
    }

    private static Map<String, HealthStatus> phases() {
        var phases = new HashMap<String, HealthStatus>();
        for (String phase : List.of("Running", "Succeeded", "Active", "Ready", "Bound", "Available", "Healthy", "Completed", "Complete")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.HEALTHY);
        }
        for (String phase : List.of("Pending", "Provisioning", "Progressing", "InProgress", "Creating", "Initializing", "Updating", "Deploying", "Terminating", "Deleting")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.PROGRESSING);
        }
        for (String phase : List.of("Failed", "Error", "Degraded", "Unhealthy", "Lost")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.DEGRADED);
        }
        return Map.copyOf(phases);
    }
}
