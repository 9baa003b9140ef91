package dev.capstan.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.capstan.api.v1alpha1.ApplicationCondition;

/**
 * The conditions of an Application's status: the one place that names their types. A condition
 * keeps its transition time while its message stays the same.
 */
final class Conditions {

    static final String COMPARISON_ERROR = "ComparisonError";
    static final String PROJECT_VIOLATION = "InvalidSpecError";
    static final String SYNC_ERROR = "SyncError";
    static final String WAITING_FOR_DEPENDENCY = "WaitingForDependency";
    static final String AUTO_SYNC_HELD = "AutoSyncHeld";
    static final String SELF_HEAL_BACKOFF = "SelfHealBackoff";

    private final List<ApplicationCondition> before;
    private final List<ApplicationCondition> after = new ArrayList<>();
    private final Instant now;

    Conditions(List<ApplicationCondition> before, Instant now) {
        this.before = before == null ? List.of() : before;
        this.now = now;
    }

    void set(String type, String message) {
        after.removeIf(condition -> condition.getType().equals(type));
        var condition = new ApplicationCondition();
        condition.setType(type);
        condition.setMessage(message);
        condition.setLastTransitionTime(before.stream()
                .filter(old -> type.equals(old.getType()) && Objects.equals(message, old.getMessage()))
                .map(ApplicationCondition::getLastTransitionTime).filter(Objects::nonNull)
                .findFirst().orElse(now.toString()));
        after.add(condition);
    }

    /** Carries over a condition of {@code type} from before, if there was one. */
    void keep(String type) {
        before.stream().filter(old -> type.equals(old.getType())).findFirst().ifPresent(old -> set(type, old.getMessage()));
    }

    List<ApplicationCondition> list() {
        return after.isEmpty() ? null : List.copyOf(after);
    }
}
