package dev.capstan.engine.diff;

import java.util.List;

import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;

/**
 * How one resource compares: its status, a unified diff (live to desired, normalised, Secret
 * values masked), the JSON pointers that differ, and a problem when the comparison itself could
 * not be made exactly (the server refused the dry run). Safe to show, log and store.
 */
public record ResourceDiff(ResourceKey key, SyncStatus status, String unifiedDiff, List<String> changedPaths,
                           String problem) {

    public ResourceDiff {
        changedPaths = List.copyOf(changedPaths);
        problem = problem == null ? "" : problem;
    }

    public ResourceDiff(ResourceKey key, SyncStatus status, String unifiedDiff, List<String> changedPaths) {
        this(key, status, unifiedDiff, changedPaths, "");
    }

    public ResourceDiff withProblem(String newProblem) {
        return new ResourceDiff(key, status, unifiedDiff, changedPaths, newProblem);
    }

    public boolean differs() {
        return status != SyncStatus.SYNCED;
    }
}
