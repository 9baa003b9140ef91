package dev.capstan.engine.sync;

/** What a sync does with one object. */
public enum SyncAction {
    /** The object does not exist yet: apply creates it. */
    CREATE,
    /** The object exists: server-side apply updates it. */
    APPLY,
    /** The object exists and {@code Replace=true}: it is replaced with exactly the desired object. */
    REPLACE,
    /** The object is live and tracked but no longer desired: it is deleted. */
    PRUNE,
    /** The object is a hook: it is created (after deleting an older one, by its delete policy) and awaited. */
    HOOK,
    /** Nothing is done; the task's reason says why. */
    SKIP;

    /** Whether the action sends the object to the server (create, apply, replace, hook). */
    public boolean writesObject() {
        return this == CREATE || this == APPLY || this == REPLACE || this == HOOK;
    }
}
