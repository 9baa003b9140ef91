package dev.capstan.engine.health;

import java.util.OptionalLong;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A Deployment is healthy when its controller has seen the latest spec and every desired
 * replica is updated and available. The order of the questions follows {@code kubectl rollout
 * status} (and Argo CD's check built on it): paused, not yet observed, past its progress
 * deadline, then updated, old and available replica counts.
 */
final class DeploymentHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var deployment = LiveObject.of(live);
        if (deployment.flag("/spec/paused")) {
            return Health.suspended("the rollout is paused (spec.paused is true)");
        }
        if (deployment.generation() > deployment.observedGeneration()) {
            return Health.progressing("Waiting for the deployment controller to observe generation %d (it has seen %d)"
                    .formatted(deployment.generation(), deployment.observedGeneration()));
        }
        var progressing = deployment.condition("Progressing");
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().reason())) {
            return Health.degraded("the rollout made no progress within %ds: %s"
                    .formatted(progressDeadlineSeconds(deployment), progressing.get().message()));
        }
        OptionalLong desired = deployment.optionalNumber("/spec/replicas");
        long updated = deployment.number("/status/updatedReplicas");
        long current = deployment.number("/status/replicas");
        long available = deployment.number("/status/availableReplicas");
        if (desired.isPresent() && updated < desired.getAsLong()) {
            return Health.progressing("Waiting for rollout: %d of %d replicas updated".formatted(updated, desired.getAsLong()));
        }
        if (current > updated) {
            return Health.progressing("Waiting for rollout: %d of %d replicas are old and still to be terminated".formatted(current - updated, current));
        }
        if (available < updated) {
            return Health.progressing("Waiting for rollout: %d of %d updated replicas available".formatted(available, updated));
        }
        return Health.healthy("%d of %d replicas updated and available".formatted(available, desired.orElse(updated)));
    }

    private static long progressDeadlineSeconds(LiveObject deployment) {
        return deployment.optionalNumber("/spec/progressDeadlineSeconds").orElse(600);
    }
}
