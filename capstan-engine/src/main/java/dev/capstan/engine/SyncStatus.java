package dev.capstan.engine;

/** How one resource compares with what its source wants. */
public enum SyncStatus {
    /** The live object is what applying the desired one would leave. */
    SYNCED("Synced"),
    /** Applying the desired object would change the live one. */
    OUT_OF_SYNC("OutOfSync"),
    /** The desired object does not exist in the cluster. */
    MISSING("Missing"),
    /** The object is tracked by the application but no longer desired. */
    REQUIRES_PRUNING("RequiresPruning");

    private final String display;

    SyncStatus(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    @Override
    public String toString() {
        return display;
    }
}
