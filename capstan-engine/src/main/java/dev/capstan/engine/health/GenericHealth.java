package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;
import tools.jackson.databind.JsonNode;

/**
 * The health of a kind nothing else knows, usually a custom resource, read from the
 * conventions most controllers follow. In order:
 * <ol>
 *   <li>{@code spec.suspend} or {@code spec.paused} true, or Crossplane's
 *       {@code crossplane.io/paused: "true"} annotation: Suspended.</li>
 *   <li>No health information: a configuration-only kind ({@link KindsWithoutHealth}) or an
 *       object with no (or an empty) {@code status}.</li>
 *   <li>{@code status.observedGeneration} below {@code metadata.generation}: Progressing.</li>
 *   <li>Conditions:
 *     <ul>
 *       <li>{@code Stalled=True} Degraded and {@code Reconciling=True} Progressing (kstatus);
 *           {@code Failed=True} or {@code Degraded=True} Degraded.</li>
 *       <li>Crossplane's shape, {@code Synced} beside {@code Ready} (managed resources, composite
 *           resources and claims of any group): {@code Synced=False} Degraded (Suspended for
 *           reason {@code ReconcilePaused}), {@code LastAsyncOperation=False} Degraded, then
 *           {@code Ready=True} Healthy and any other {@code Ready} Progressing: Crossplane says
 *           {@code Creating}, {@code Deleting} or {@code Unavailable} while the external resource
 *           is not there yet, as Argo CD's check for Crossplane reads it.</li>
 *       <li>Otherwise the first of {@code Ready}, {@code Available}, {@code Healthy},
 *           {@code Succeeded}, {@code Synced}: True Healthy; False Degraded, unless its reason
 *           says work is under way ({@code Progressing}, {@code Creating}, {@code Pending}, a
 *           {@code Waiting...} reason and the like), which is Progressing; Unknown Progressing.
 *           A condition that names an {@code observedGeneration} older than the object's
 *           describes an earlier spec and is Progressing.</li>
 *     </ul></li>
 *   <li>{@code status.phase}: Running, Succeeded, Active, Ready, Bound... Healthy; Pending,
 *       Provisioning, Progressing... Progressing; Paused, Suspended: Suspended; Failed,
 *       Error... Degraded.</li>
 *   <li>A boolean {@code status.ready}: true Healthy, false Progressing.</li>
 *   <li>{@code status.observedGeneration} present and current, nothing else said: Healthy.</li>
 *   <li>Otherwise Unknown: "nothing to judge", listing what the status did hold.</li>
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
    private static final List<String> FAILURE_CONDITIONS = List.of("Stalled", "Failed", "Degraded");
    private static final Set<String> WORK_UNDER_WAY = lowerCase(List.of("Progressing", "ProgressingWithRetry", "Reconciling", "Creating",
            "Pending", "Provisioning", "Initializing", "Installing", "Upgrading", "Updating", "Deploying", "Deleting", "InProgress",
            "Starting", "Scaling", "DependencyNotReady"));
    private static final String CROSSPLANE_PAUSED = "crossplane.io/paused";
    private static final Map<String, HealthStatus> PHASES = phases();

    HealthAssessment assess(Manifest live) {
        var object = LiveObject.of(live);
        return suspended(object)
                .or(() -> withoutHealthInformation(object))
                .or(() -> generationNotObserved(object))
                .or(() -> conditions(object))
                .or(() -> phase(object))
                .or(() -> ready(object))
                .or(() -> generationObserved(object))
                .orElseGet(() -> nothingToJudge(object));
    }

    private static Optional<HealthAssessment> suspended(LiveObject object) {
        for (String field : List.of("suspend", "paused")) {
            if (object.flag("/spec/" + field)) {
                return decided(object, "suspend", Health.suspended("spec." + field + " is true"));
            }
        }
        if (object.manifest().annotation(CROSSPLANE_PAUSED).filter("true"::equalsIgnoreCase).isPresent()) {
            return decided(object, "suspend", Health.suspended(CROSSPLANE_PAUSED + " is true"));
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
        var conditions = new Conditions(object.conditions());
        if (conditions.all.isEmpty()) {
            return Optional.empty();
        }
        for (String type : FAILURE_CONDITIONS) {
            var failure = conditions.get(type).filter(Condition::isTrue);
            if (failure.isPresent()) {
                return decided(object, "conditions", Health.degraded(failure.get().summary()));
            }
        }
        var reconciling = conditions.get("Reconciling").filter(Condition::isTrue);
        if (reconciling.isPresent()) {
            return decided(object, "conditions", Health.progressing(reconciling.get().summary()));
        }
        if (conditions.get("Synced").isPresent() && conditions.get("Ready").isPresent()) {
            return decided(object, "conditions", crossplane(conditions, object.generation()));
        }
        for (String type : READINESS_CONDITIONS) {
            var condition = conditions.get(type);
            if (condition.isPresent()) {
                return decided(object, "conditions", readiness(condition.get(), object.generation()));
            }
        }
        return Optional.empty();
    }

    /** Managed resources, composite resources and claims: Synced says whether Crossplane could act, Ready whether the resource is there. */
    private static Health crossplane(Conditions conditions, long generation) {
        Condition synced = conditions.get("Synced").orElseThrow();
        if (synced.isFalse()) {
            return "ReconcilePaused".equals(synced.reason()) ? Health.suspended(synced.summary()) : Health.degraded(synced.summary());
        }
        var lastOperation = conditions.get("LastAsyncOperation").filter(Condition::isFalse);
        if (lastOperation.isPresent()) {
            return Health.degraded(lastOperation.get().summary());
        }
        Condition ready = conditions.get("Ready").orElseThrow();
        if (ready.isTrue() && !stale(ready, generation)) {
            return healthy(ready);
        }
        return Health.progressing(stale(ready, generation) ? staleness(ready, generation) : ready.summary());
    }

    private static Health readiness(Condition condition, long generation) {
        if (stale(condition, generation)) {
            return Health.progressing(staleness(condition, generation));
        }
        if (condition.isTrue()) {
            return healthy(condition);
        }
        if (condition.isFalse() && !underWay(condition.reason())) {
            return Health.degraded(condition.summary());
        }
        return Health.progressing(condition.summary());
    }

    private static Health healthy(Condition condition) {
        return Health.healthy(condition.message().isEmpty() ? condition.type() + " is True" : condition.message());
    }

    private static boolean stale(Condition condition, long generation) {
        return condition.observedGeneration() > 0 && condition.observedGeneration() < generation;
    }

    private static String staleness(Condition condition, long generation) {
        return "%s describes generation %d; waiting for the controller to report on generation %d"
                .formatted(condition.type(), condition.observedGeneration(), generation);
    }

    private static boolean underWay(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        return WORK_UNDER_WAY.contains(lower) || lower.startsWith("waiting");
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

    private static Optional<HealthAssessment> ready(LiveObject object) {
        JsonNode ready = object.manifest().at("/status/ready");
        if (!ready.isBoolean()) {
            return Optional.empty();
        }
        return decided(object, "ready", ready.booleanValue() ? Health.healthy("status.ready is true") : Health.progressing("status.ready is false"));
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

    /** An object's conditions by type, the first of each type counting. */
    private record Conditions(List<Condition> all) {

        Optional<Condition> get(String type) {
            return all.stream().filter(condition -> condition.type().equals(type)).findFirst();
        }
    }

    private static Set<String> lowerCase(List<String> names) {
        return Set.copyOf(names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
    }

    private static Map<String, HealthStatus> phases() {
        var phases = new HashMap<String, HealthStatus>();
        for (String phase : List.of("Running", "Succeeded", "Active", "Ready", "Bound", "Available", "Healthy", "Completed", "Complete",
                "Deployed", "Established")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.HEALTHY);
        }
        for (String phase : List.of("Pending", "Provisioning", "Progressing", "InProgress", "Creating", "Initializing", "Updating",
                "Deploying", "Terminating", "Deleting", "Queued", "Scheduled", "Starting", "Installing", "Upgrading", "Reconciling")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.PROGRESSING);
        }
        for (String phase : List.of("Paused", "Suspended")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.SUSPENDED);
        }
        for (String phase : List.of("Failed", "Failure", "Error", "Degraded", "Unhealthy", "Lost", "Invalid", "Rejected")) {
            phases.put(phase.toLowerCase(Locale.ROOT), HealthStatus.DEGRADED);
        }
        return Map.copyOf(phases);
    }
}
