package dev.capstan.engine.health;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;

/**
 * An application's health: the worst of its resources' (in {@link HealthStatus} order), with a
 * message naming the first resource (by key) that is that bad. Resources without health
 * information do not count.
 */
final class AggregateHealth {

    private AggregateHealth() {
    }

    static Health of(Collection<HealthAssessment> resources) {
        List<HealthAssessment> counted = resources.stream()
                .filter(HealthAssessment::hasHealthInformation)
                .sorted(Comparator.comparing(HealthAssessment::key))
                .toList();
        if (counted.isEmpty()) {
            return Health.healthy("no resource reports health");
        }
        HealthStatus worst = counted.stream().map(HealthAssessment::status).max(Comparator.naturalOrder()).orElseThrow();
        if (worst == HealthStatus.HEALTHY) {
            return Health.healthy(counted.size() == 1 ? "1 resource is healthy" : "all " + counted.size() + " resources are healthy");
        }
        List<HealthAssessment> worstOnes = counted.stream().filter(resource -> resource.status() == worst).toList();
        HealthAssessment first = worstOnes.getFirst();
        String message = first.key() + " is " + worst.display() + (first.message().isEmpty() ? "" : ": " + first.message());
        int others = worstOnes.size() - 1;
        if (others > 0) {
            message += " (and %d more %s %s)".formatted(others, others == 1 ? "resource" : "resources", worst.display());
        }
        return new Health(worst, message);
    }
}
