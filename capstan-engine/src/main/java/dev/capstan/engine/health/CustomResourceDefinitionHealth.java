package dev.capstan.engine.health;

import java.util.List;
import java.util.Optional;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A CustomResourceDefinition is healthy when the API server has accepted its names and
 * established it, so that its custom resources can be served. It is progressing while being
 * deleted, and degraded when its names clash, it is not established, or its schema is not
 * structural.
 */
final class CustomResourceDefinitionHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        List<Condition> conditions = LiveObject.of(live).conditions();
        if (conditions.isEmpty()) {
            return Health.progressing("Waiting for the API server to report the definition's conditions");
        }
        var terminating = find(conditions, "Terminating").filter(Condition::isTrue);
        if (terminating.isPresent()) {
            return Health.progressing("the definition is being deleted: " + terminating.get().reasonAndMessage());
        }
        var names = find(conditions, "NamesAccepted").filter(Condition::isFalse);
        if (names.isPresent()) {
            return Health.degraded("the names were not accepted: " + names.get().reasonAndMessage());
        }
        var established = find(conditions, "Established");
        if (established.isEmpty() || !established.get().isTrue()) {
            return Health.degraded("not established: " + established.map(Condition::reasonAndMessage).orElse("no Established condition"));
        }
        var nonStructural = find(conditions, "NonStructuralSchema").filter(Condition::isTrue);
        if (nonStructural.isPresent()) {
            return Health.degraded("the schema is not structural: " + nonStructural.get().reasonAndMessage());
        }
        return Health.healthy("established; names accepted");
    }

    private static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(condition -> condition.type().equals(type)).findFirst();
    }
}
