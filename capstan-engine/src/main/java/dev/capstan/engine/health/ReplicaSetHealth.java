package dev.capstan.engine.health;

import java.util.OptionalLong;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A ReplicaSet is healthy when its controller has seen the latest spec and every desired
 * replica is available; it is degraded when the controller reports that it cannot create pods
 * ({@code ReplicaFailure}, typically a quota or admission refusal).
 */
final class ReplicaSetHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var replicas = LiveObject.of(live);
        if (replicas.generation() > replicas.observedGeneration()) {
            return Health.progressing("Waiting for the replica set controller to observe generation %d (it has seen %d)"
                    .formatted(replicas.generation(), replicas.observedGeneration()));
        }
        var failure = replicas.condition("ReplicaFailure").filter(Condition::isTrue);
        if (failure.isPresent()) {
            return Health.degraded("cannot create pods: " + failure.get().reasonAndMessage());
        }
        OptionalLong desired = replicas.optionalNumber("/spec/replicas");
        long available = replicas.number("/status/availableReplicas");
        if (desired.isPresent() && available < desired.getAsLong()) {
            return Health.progressing("Waiting for replicas: %d of %d available".formatted(available, desired.getAsLong()));
        }
        return Health.healthy("%d of %d replicas available".formatted(available, desired.orElse(available)));
    }
}
