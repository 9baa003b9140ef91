package dev.capstan.engine.sync;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The ordered tasks of one sync: by phase, then wave, then (prunes first, in reverse kind order)
 * kind, then name. This is what a dry run prints; the {@link SyncDecider} walks it, group by
 * group (one phase and wave), and the {@link SyncRunner} carries it out.
 */
public record SyncPlan(String application, @JsonIgnore SyncOptions options, List<SyncTask> tasks) {

    public SyncPlan {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(options, "options");
        tasks = List.copyOf(tasks);
    }

    @JsonIgnore
    public Tracking tracking() {
        return new Tracking(application);
    }
}
