package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * Decides the health of live objects, and of an application from its objects'. For each
 * object the first of these that has an answer decides:
 * <ol>
 *   <li>user rules in CEL ({@link HealthRules}), in the order they were added;</li>
 *   <li>pending deletion: an object with a {@code deletionTimestamp} is Progressing, as in
 *       Argo CD (except Namespaces and CustomResourceDefinitions, whose checks say what their
 *       deletion waits for);</li>
 *   <li>user health checks in Lua brought from Argo CD ({@link LuaHealthScripts}), in the order
 *       they were added; they come after deletion because Argo CD never shows its scripts an
 *       object being deleted, and scripts written for it rely on that;</li>
 *   <li>the check for the kind: built in, or added with {@link #withCheck};</li>
 *   <li>the library's CEL rule for the kind ({@link HealthLibrary}), when one of its checks applies;</li>
 *   <li>the generic fallback, which reads the conventions of custom resources.</li>
 * </ol>
 * The result names the rule that decided. Nothing here throws on odd objects: a check that
 * fails gives {@code Unknown} with the reason. Instances are immutable and thread-safe.
 */
public final class HealthAssessor {

    private static final Set<GroupKind> REPORT_OWN_DELETION = Set.of(
            GroupKind.core("Namespace"), new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"));

    private final List<HealthRules> rules;
    private final List<LuaHealthScripts> lua;
    private final Map<GroupKind, NamedCheck> checks;
    private final HealthLibrary library = HealthLibrary.builtIn();
    private final GenericHealth generic = new GenericHealth();

    private record NamedCheck(String name, HealthCheck check) {
    }

    private HealthAssessor(List<HealthRules> rules, List<LuaHealthScripts> lua, Map<GroupKind, NamedCheck> checks) {
        this.rules = List.copyOf(rules);
        this.lua = List.copyOf(lua);
        this.checks = Map.copyOf(checks);
    }

    /** The built-in checks and the generic fallback, no user rules. */
    public static HealthAssessor builtIn() {
        var checks = new HashMap<GroupKind, NamedCheck>();
        BuiltInChecks.ALL.forEach((kind, check) -> checks.put(kind, new NamedCheck("builtin:" + kind, check)));
        return new HealthAssessor(List.of(), List.of(), checks);
    }

    /** This assessor with {@code more} user rules, consulted after the rules it already has. */
    public HealthAssessor withRules(HealthRules more) {
        Objects.requireNonNull(more, "more");
        var all = new ArrayList<>(rules);
        all.add(more);
        return new HealthAssessor(all, lua, checks);
    }

    /** This assessor with {@code more} Lua health checks, consulted after the ones it already has. */
    public HealthAssessor withLua(LuaHealthScripts more) {
        Objects.requireNonNull(more, "more");
        var all = new ArrayList<>(lua);
        all.add(more);
        return new HealthAssessor(rules, all, checks);
    }

    /** This assessor with {@code check} judging {@code kind}, in place of any built-in check. */
    public HealthAssessor withCheck(GroupKind kind, HealthCheck check) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(check, "check");
        var all = new HashMap<>(checks);
        all.put(kind, new NamedCheck("check:" + kind, check));
        return new HealthAssessor(rules, lua, all);
    }

    /** The health of one live object and the rule that decided it. */
    public HealthAssessment assess(Manifest live) {
        Objects.requireNonNull(live, "live");
        return userRules(live)
                .or(() -> pendingDeletion(live))
                .or(() -> userLua(live))
                .or(() -> checkForKind(live))
                .or(() -> library(live))
                .orElseGet(() -> generic(live));
    }

    /**
     * An application's health from its resources': the worst status, with a message naming the
     * first resource in that state. Resources without health information are left out; with
     * none left the application is Healthy.
     */
    public static Health aggregate(Collection<HealthAssessment> resources) {
        return AggregateHealth.of(resources);
    }

    private Optional<HealthAssessment> userRules(Manifest live) {
        for (HealthRules source : rules) {
            Optional<HealthAssessment> verdict;
            try {
                verdict = source.assess(live);
            } catch (RuntimeException e) {
                verdict = Optional.of(new HealthAssessment(live.key(),
                        Health.unknown("health rules " + source.source() + " failed on this object: " + e), "cel:" + source.source()));
            }
            if (verdict.isPresent()) {
                return verdict;
            }
        }
        return Optional.empty();
    }

    private Optional<HealthAssessment> userLua(Manifest live) {
        for (LuaHealthScripts source : lua) {
            var verdict = source.assess(live);
            if (verdict.isPresent()) {
                return verdict;
            }
        }
        return Optional.empty();
    }

    private static Optional<HealthAssessment> pendingDeletion(Manifest live) {
        if (live.string("/metadata/deletionTimestamp").isEmpty() || REPORT_OWN_DELETION.contains(live.groupKind())) {
            return Optional.empty();
        }
        var finalizers = LiveObject.of(live).list("/metadata/finalizers").stream().map(node -> node.asString()).toList();
        String message = finalizers.isEmpty() ? "pending deletion" : "pending deletion, waiting for finalizers: " + String.join(", ", finalizers);
        return Optional.of(new HealthAssessment(live.key(), Health.progressing(message), "deletion"));
    }

    private Optional<HealthAssessment> checkForKind(Manifest live) {
        NamedCheck named = checks.get(live.groupKind());
        if (named == null) {
            return Optional.empty();
        }
        Health health;
        try {
            health = Objects.requireNonNullElseGet(named.check().assess(live), () -> Health.unknown("the check gave no verdict"));
        } catch (RuntimeException e) {
            health = Health.unknown("the health check failed on this object: " + e);
        }
        return Optional.of(new HealthAssessment(live.key(), health, named.name()));
    }

    private Optional<HealthAssessment> library(Manifest live) {
        return library.forKind(live.groupKind()).flatMap(entry -> {
            if (entry.rules().isEmpty()) {
                return Optional.of(new HealthAssessment(live.key(), Health.unknown("the built-in rule is broken: " + entry.problem()), entry.name()));
            }
            return entry.rules().get().assess(live)
                    .map(verdict -> new HealthAssessment(live.key(), verdict.health(), entry.name()));
        });
    }

    private HealthAssessment generic(Manifest live) {
        try {
            return generic.assess(live);
        } catch (RuntimeException e) {
            return new HealthAssessment(live.key(), Health.unknown("the generic health check failed on this object: " + e), "generic:unknown");
        }
    }
}
