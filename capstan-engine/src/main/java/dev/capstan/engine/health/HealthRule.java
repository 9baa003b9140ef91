package dev.capstan.engine.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.health.RuleExpression.RuleFailure;

/**
 * A user's health rule for one kind: its checks in order, the first whose {@code when} holds
 * deciding. A rule that does not compile, or fails while evaluating, decides {@code Unknown}
 * with the reason, naming the source, the kind and the rule's position, instead of falling
 * through to a built-in verdict the user meant to replace.
 */
record HealthRule(String source, int index, GroupKind kind, List<RuleCheck> checks) {

    HealthRule {
        checks = List.copyOf(checks);
    }

    /** {@code cel:rules.yaml#0}: how {@link HealthAssessment#decidedBy()} names this rule. */
    String name() {
        return "cel:" + source + "#" + index;
    }

    /** Compile errors, each naming where it is. */
    List<String> problems() {
        return checks.stream()
                .flatMap(check -> check.expressions()
                        .flatMap(expression -> expression.problem().stream())
                        .map(problem -> where(check) + problem))
                .toList();
    }

    /** The health this rule gives, or empty when none of its checks applies. */
    Optional<Health> assess(Map<String, Object> variables) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            return Optional.of(Health.unknown(String.join("; ", problems)));
        }
        for (RuleCheck check : checks) {
            try {
                var health = check.apply(variables);
                if (health.isPresent()) {
                    return health;
                }
            } catch (RuleFailure failure) {
                return Optional.of(Health.unknown(where(check) + failure.getMessage()));
            }
        }
        return Optional.empty();
    }

    private String where(RuleCheck check) {
        return "health rule %s#%d (%s), check #%d: ".formatted(source, index, kind, check.index());
    }
}
