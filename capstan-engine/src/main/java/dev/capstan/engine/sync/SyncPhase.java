package dev.capstan.engine.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The phases of a sync, in the order they run. Resources are applied in {@link #SYNC}; hooks can
 * run before ({@link #PRE_SYNC}), with ({@link #SYNC}) or after ({@link #POST_SYNC}) them, and
 * {@link #SYNC_FAIL} hooks run only when the sync has failed.
 */
public enum SyncPhase {
    PRE_SYNC("PreSync"),
    SYNC("Sync"),
    POST_SYNC("PostSync"),
    SYNC_FAIL("SyncFail");

    private final String display;

    SyncPhase(String display) {
        this.display = display;
    }

    /** The name users see and write in the hook annotation, and the JSON value: {@code PreSync}, {@code Sync}, ... */
    @JsonValue
    public String display() {
        return display;
    }

    @Override
    public String toString() {
        return display;
    }
}
