package dev.capstan.engine.sync;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When a hook's object is deleted. A hook without a policy gets {@link #BEFORE_HOOK_CREATION}, so
 * that a hook with a fixed name runs again on the next sync.
 */
public enum HookDeletePolicy {
    /** Deleted once the hook has succeeded (a Job completed). */
    HOOK_SUCCEEDED("HookSucceeded"),
    /** Deleted once the hook has failed. */
    HOOK_FAILED("HookFailed"),
    /** An existing object of the same name is deleted before the hook is created. */
    BEFORE_HOOK_CREATION("BeforeHookCreation");

    public static final HookDeletePolicy DEFAULT = BEFORE_HOOK_CREATION;

    private final String display;

    HookDeletePolicy(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** The policy written as {@code text} (case is ignored), or empty when there is none by that name. */
    public static Optional<HookDeletePolicy> named(String text) {
        return Arrays.stream(values()).filter(policy -> policy.display.equalsIgnoreCase(text.strip())).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(HookDeletePolicy::display).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return display;
    }
}
