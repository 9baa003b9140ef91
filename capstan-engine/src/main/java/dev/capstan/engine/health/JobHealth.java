package dev.capstan.engine.health;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A Job is judged by the terminal conditions the job controller sets: {@code Failed} is
 * degraded, {@code Complete} healthy, {@code Suspended} suspended; anything else is still
 * running. Only conditions whose status is {@code True} count (Argo CD also counts a
 * {@code Suspended=False} condition, left behind when a job is resumed, as finished).
 */
final class JobHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var job = LiveObject.of(live);
        var failed = job.condition("Failed").filter(Condition::isTrue);
        if (failed.isPresent()) {
            return Health.degraded("the job failed: " + failed.get().reasonAndMessage());
        }
        var complete = job.condition("Complete").filter(Condition::isTrue);
        if (complete.isPresent()) {
            String message = complete.get().message();
            return Health.healthy(message.isEmpty()
                    ? "the job completed (%d succeeded)".formatted(job.number("/status/succeeded"))
                    : message);
        }
        if (job.condition("Suspended").filter(Condition::isTrue).isPresent() || job.flag("/spec/suspend")) {
            return Health.suspended("the job is suspended (spec.suspend is true)");
        }
        return Health.progressing("the job is running: %d active, %d succeeded, %d failed pods"
                .formatted(job.number("/status/active"), job.number("/status/succeeded"), job.number("/status/failed")));
    }
}
