package dev.capstan.engine.health;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A CronJob is judged by its last run, as Argo CD's bundled rule does: suspended when
 * {@code spec.suspend} is set; degraded when the last scheduled run has not succeeded and none
 * is running; healthy otherwise, including before the first run (its status cannot tell a
 * missed schedule from one not yet due) and while a run is active.
 */
final class CronJobHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var cronJob = LiveObject.of(live);
        if (cronJob.flag("/spec/suspend")) {
            return Health.suspended("the CronJob is suspended: no new jobs are started");
        }
        if (!cronJob.has("/status")) {
            return Health.progressing("Waiting for the CronJob controller to report a status");
        }
        String lastSchedule = cronJob.text("/status/lastScheduleTime");
        if (lastSchedule.isEmpty()) {
            return Health.healthy("not scheduled yet");
        }
        String lastSuccess = cronJob.text("/status/lastSuccessfulTime");
        if (lastSuccess.isEmpty()) {
            return Health.healthy("has run, but no run has succeeded yet (last scheduled at %s)".formatted(lastSchedule));
        }
        if (!cronJob.list("/status/active").isEmpty()) {
            return Health.healthy("a job is running (last success at %s)".formatted(lastSuccess));
        }
        try {
            if (Instant.parse(lastSuccess).isBefore(Instant.parse(lastSchedule))) {
                return Health.degraded("the run scheduled at %s did not succeed (last success at %s)".formatted(lastSchedule, lastSuccess));
            }
        } catch (DateTimeParseException e) {
            return Health.unknown("cannot compare run times %s and %s: %s".formatted(lastSchedule, lastSuccess, e.getMessage()));
        }
        return Health.healthy("the last run succeeded at " + lastSuccess);
    }
}
