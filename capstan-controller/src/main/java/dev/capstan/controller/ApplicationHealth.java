package dev.capstan.controller;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.health.HealthCheck;

/**
 * The health of an Application managed by another one (app of apps): what its own status says,
 * so a parent is Healthy only when its children are. A child not assessed yet is Progressing.
 */
final class ApplicationHealth implements HealthCheck {

    static final GroupKind KIND = new GroupKind("capstan.dev", "Application");

    @Override
    public Health assess(Manifest live) {
        String status = live.string("/status/health/status");
        String message = live.string("/status/health/message");
        for (HealthStatus known : HealthStatus.values()) {
            if (known.display().equals(status)) {
                String sync = live.string("/status/sync/status");
                if (known == HealthStatus.HEALTHY && !sync.isEmpty() && !sync.equals("Synced")) {
                    return Health.progressing("application is " + sync);
                }
                return new Health(known, message);
            }
        }
        return Health.progressing("application not assessed yet");
    }
}
