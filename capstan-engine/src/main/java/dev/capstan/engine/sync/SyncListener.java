package dev.capstan.engine.sync;

import dev.capstan.engine.Manifest;

/**
 * Hears how a sync progresses, for a CLI's progress display and for saving the state. Called on
 * the runner's thread, one call at a time; every method does nothing unless overridden.
 */
public interface SyncListener {

    SyncListener NONE = new SyncListener() {
    };

    /** The sync entered a phase (PreSync, Sync, ...). */
    default void phaseStarted(SyncPhase phase) {
    }

    /** The sync started work on a wave of a phase. */
    default void waveStarted(SyncPhase phase, int wave) {
    }

    /** The runner is about to carry out {@code step}. */
    default void stepStarted(SyncStep step) {
    }

    /** The server's answer to writing a task's object (apply or replace; also in a dry run). */
    default void objectWritten(SyncTask task, Manifest result) {
    }

    /** An object was written and the sync now waits for it to become healthy (a hook: to complete). */
    default void taskRunning(TaskResult result) {
    }

    /** A task succeeded, failed or was skipped. */
    default void taskDone(TaskResult result) {
    }

    /** The state changed; save it (into the Application's status) to resume after a restart. */
    default void stateChanged(SyncState state) {
    }

    /** The sync finished: succeeded, failed or stopped with an error. */
    default void finished(SyncState state) {
    }
}
