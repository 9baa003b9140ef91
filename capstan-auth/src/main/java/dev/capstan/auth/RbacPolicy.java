package dev.capstan.auth;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what, in Argo CD's terms: permission rules ({@code p} lines) for subjects, and role
 * bindings ({@code g} lines) that give a user, a group or a role further roles, transitively.
 *
 * <p>A request is allowed when a rule of one of the principal's subjects (the user, its groups,
 * every role they reach, and {@code policy.default} with the roles it reaches) matches it with
 * {@code allow}, and none matches it with {@code deny}: deny wins. Unlike Argo CD, where what
 * {@code policy.default} grants cannot be taken away, a deny rule here also beats the default
 * role, so that a deny line always does what it says.
 *
 * <p>Built in, before the user's lines: {@code role:admin} may do everything,
 * {@code role:readonly} may {@code get} everything, and the user {@code admin} has
 * {@code role:admin}. Values are immutable and thread-safe; the format is read by {@link PolicyCsv}.
 */
final class RbacPolicy {

    static final String ADMIN_ROLE = "role:admin";
    static final String READONLY_ROLE = "role:readonly";

    static final String BUILT_IN_CSV = """
            p, role:admin, *, *, *, allow
            p, role:readonly, *, get, *, allow
            g, admin, role:admin
            """;

    enum Effect {
        ALLOW, DENY
    }

    /** One {@code p} line: globs for resource, action and object. */
    record Rule(String subject, String resource, String action, String object, Effect effect) {
        Rule {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(effect, "effect");
        }

        boolean matches(String resource, String action, String object) {
            return Glob.matches(this.resource, resource) && Glob.matches(this.action, action) && Glob.matches(this.object, object);
        }
    }

    private final List<Rule> rules;
    private final Map<String, Set<String>> roles;
    private final Optional<String> defaultRole;

    RbacPolicy(List<Rule> rules, Map<String, Set<String>> roles, Optional<String> defaultRole) {
        this.rules = List.copyOf(rules);
        this.roles = Map.copyOf(roles.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue()))));
        this.defaultRole = defaultRole.filter(role -> !role.isBlank());
    }

    /** Only the built-in roles and {@code admin}'s binding: what a policy that cannot be read falls back to. */
    static RbacPolicy builtIn() {
        return PolicyCsv.builtIn();
    }

    boolean allows(String user, Collection<String> groups, String resource, String action, String object) {
        Set<String> subjects = subjectsOf(user, groups);
        boolean allowed = false;
        for (Rule rule : rules) {
            if (subjects.contains(rule.subject()) && rule.matches(resource, action, object)) {
                if (rule.effect() == Effect.DENY) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /** The user, its groups, the default role, and every role any of them reaches through {@code g} lines. */
    Set<String> subjectsOf(String user, Collection<String> groups) {
        Set<String> reached = new LinkedHashSet<>();
        var pending = new ArrayDeque<String>();
        pending.add(user);
        pending.addAll(groups);
        defaultRole.ifPresent(pending::add);
        while (!pending.isEmpty()) {
            String subject = pending.poll();
            if (reached.add(subject)) {
                pending.addAll(roles.getOrDefault(subject, Set.of()));
            }
        }
        return reached;
    }

    Optional<String> defaultRole() {
        return defaultRole;
    }

    List<Rule> rules() {
        return rules;
    }
}
