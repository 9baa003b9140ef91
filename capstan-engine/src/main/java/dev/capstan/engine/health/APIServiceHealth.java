package dev.capstan.engine.health;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * An APIService is healthy when the aggregator reports it {@code Available}. Otherwise it is
 * progressing, as in Argo CD: the backing service is often still starting, and its pods'
 * health already shows a real failure.
 */
final class APIServiceHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var available = LiveObject.of(live).condition("Available");
        if (available.isEmpty()) {
            return Health.progressing("Waiting for the API aggregator to check the service");
        }
        if (available.get().isTrue()) {
            return Health.healthy(available.get().reasonAndMessage());
        }
        return Health.progressing("not available yet: " + available.get().reasonAndMessage());
    }
}
