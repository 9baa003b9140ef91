package dev.capstan.engine.health;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A DaemonSet is healthy when its controller has seen the latest spec and every node that
 * should run its pod runs an updated, available one. With the {@code OnDelete} strategy pods
 * change only when deleted, so an incomplete update is still healthy. Follows {@code kubectl
 * rollout status} as Argo CD does.
 */
final class DaemonSetHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var daemons = LiveObject.of(live);
        if (daemons.generation() > daemons.observedGeneration()) {
            return Health.progressing("Waiting for the daemon set controller to observe generation %d (it has seen %d)"
                    .formatted(daemons.generation(), daemons.observedGeneration()));
        }
        long desired = daemons.number("/status/desiredNumberScheduled");
        long updated = daemons.number("/status/updatedNumberScheduled");
        long available = daemons.number("/status/numberAvailable");
        if (daemons.text("/spec/updateStrategy/type").equals("OnDelete")) {
            return Health.healthy("%d of %d pods updated (OnDelete: pods update only when deleted)".formatted(updated, desired));
        }
        if (updated < desired) {
            return Health.progressing("Waiting for rollout: %d of %d pods updated".formatted(updated, desired));
        }
        if (available < desired) {
            return Health.progressing("Waiting for rollout: %d of %d updated pods available".formatted(available, desired));
        }
        return Health.healthy("%d of %d pods updated and available".formatted(available, desired));
    }
}
