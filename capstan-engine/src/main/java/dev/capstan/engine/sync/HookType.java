package dev.capstan.engine.sync;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When a hook runs, as written in the hook annotation ({@code PreSync,PostSync}). {@link #SKIP}
 * marks an object that is never applied. {@link #PRE_DELETE} and {@link #POST_DELETE} hooks run
 * when an application is deleted, never during a sync.
 */
public enum HookType {
    PRE_SYNC("PreSync", SyncPhase.PRE_SYNC),
    SYNC("Sync", SyncPhase.SYNC),
    POST_SYNC("PostSync", SyncPhase.POST_SYNC),
    SYNC_FAIL("SyncFail", SyncPhase.SYNC_FAIL),
    SKIP("Skip", null),
    PRE_DELETE("PreDelete", null),
    POST_DELETE("PostDelete", null);

    private final String display;
    private final SyncPhase phase;

    HookType(String display, SyncPhase phase) {
        this.display = display;
        this.phase = phase;
    }

    public String display() {
        return display;
    }

    /** The sync phase this hook runs in, or empty for hooks that do not run during a sync. */
    public Optional<SyncPhase> phase() {
        return Optional.ofNullable(phase);
    }

    /** The type written as {@code text} (case is ignored), or empty when there is none by that name. */
    public static Optional<HookType> named(String text) {
        return Arrays.stream(values()).filter(type -> type.display.equalsIgnoreCase(text.strip())).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(HookType::display).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return display;
    }
}
