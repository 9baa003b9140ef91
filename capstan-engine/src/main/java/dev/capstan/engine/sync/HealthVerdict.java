package dev.capstan.engine.sync;

import dev.capstan.engine.Health;

/**
 * What the health of a written object means for its task. A resource is done when it is Healthy
 * (or Suspended: paused on purpose, it will not get any further) and has failed when Degraded. A
 * hook (a Job, a Pod) must complete: Healthy is success, Degraded or Unknown is failure. Anything
 * else (Progressing, Missing) means: still running.
 */
final class HealthVerdict {

    private HealthVerdict() {
    }

    static TaskStatus of(Health health, boolean hook) {
        return switch (health.status()) {
            case HEALTHY -> TaskStatus.SUCCEEDED;
            case DEGRADED -> TaskStatus.FAILED;
            case UNKNOWN -> hook ? TaskStatus.FAILED : TaskStatus.RUNNING;
            case SUSPENDED -> hook ? TaskStatus.RUNNING : TaskStatus.SUCCEEDED;
            case PROGRESSING, MISSING -> TaskStatus.RUNNING;
        };
    }
}
