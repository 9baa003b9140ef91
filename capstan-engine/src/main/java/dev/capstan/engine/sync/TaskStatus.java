package dev.capstan.engine.sync;

/** Where one task of a sync stands. */
public enum TaskStatus {
    /** Not started. */
    PENDING,
    /** Written to the cluster; waiting for it to become healthy (a hook: to complete). */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Not done, by the plan (the task's reason) or because the sync ended first. */
    SKIPPED;

    /** Whether the task is finished, one way or another. */
    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }
}
