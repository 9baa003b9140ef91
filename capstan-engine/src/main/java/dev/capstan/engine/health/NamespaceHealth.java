package dev.capstan.engine.health;

import java.util.stream.Collectors;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A Namespace is healthy while {@code Active} and progressing while {@code Terminating}; its
 * deletion conditions say what it is still waiting for (content or finalizers to go), which is
 * why a terminating Namespace is judged here rather than by the generic "pending deletion".
 */
final class NamespaceHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var namespace = LiveObject.of(live);
        String phase = namespace.text("/status/phase");
        return switch (phase) {
            case "Active" -> Health.healthy("the namespace is active");
            case "Terminating" -> Health.progressing("the namespace is being deleted" + whatRemains(namespace));
            default -> Health.unknown(phase.isEmpty() ? "the namespace reports no phase yet" : "the namespace is in unknown phase " + phase);
        };
    }

    private static String whatRemains(LiveObject namespace) {
        String remaining = namespace.conditions().stream()
                .filter(condition -> condition.isTrue() && condition.type().endsWith("Remaining"))
                .map(Condition::message)
                .filter(message -> !message.isEmpty())
                .collect(Collectors.joining("; "));
        return remaining.isEmpty() ? "" : ": " + remaining;
    }
}
