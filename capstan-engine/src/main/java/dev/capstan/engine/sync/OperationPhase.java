package dev.capstan.engine.sync;

/** Where a whole sync stands. */
public enum OperationPhase {
    RUNNING,
    /** Every task succeeded or was skipped by plan. */
    SUCCEEDED,
    /** A task failed (an object was rejected or became Degraded, a hook failed, a wave timed out). */
    FAILED,
    /** The sync could not go on for a reason outside the tasks (a bug, an unexpected failure). */
    ERROR;

    public boolean isFinished() {
        return this != RUNNING;
    }
}
