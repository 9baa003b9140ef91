package dev.capstan.engine.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * Health rules written by users in CEL, Kubernetes' own rule language, loaded from one source:
 * a file, or a key of a ConfigMap. The text is a YAML list of rules; each names a kind and
 * lists checks, tried in order, the first whose {@code when} is true deciding:
 *
 * <pre>{@code
 * - group: cert-manager.io          # "" or "core" (or no group) for the core group
 *   kind: Certificate
 *   checks:
 *     - when: "object.status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')"
 *       status: Healthy               # Healthy, Suspended, Progressing, Missing, Degraded, Unknown
 *       message: certificate issued   # a literal ...
 *     - when: "object.?status.conditions.orValue([]).exists(c, c.type == 'Issuing')"
 *       status: Progressing
 *       messageExpression: "'issuing ' + object.spec.secretName"   # ... or a CEL string
 * }</pre>
 *
 * <p>{@code object} is the whole live object. When no check applies, the rule falls through to
 * the next rule for the kind and then to the built-in and generic checks. Expressions are
 * compiled once, here; one that does not compile, or fails when evaluated (for example by
 * reading a field the object lacks: use {@code has()} or {@code ?.}), makes its rule decide
 * {@code Unknown} with the reason, naming the source, kind and rule index. Text that is not a
 * rule file at all throws {@link HealthRulesException}.
 */
public final class HealthRules {

    private final String source;
    private final List<HealthRule> rules;

    private HealthRules(String source, List<HealthRule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads and compiles rules from YAML text. {@code source} names the text in every message
     * and in {@link HealthAssessment#decidedBy()}, e.g. {@code health-rules.yaml} or
     * {@code configmap/capstan/capstan-health:rules.yaml}.
     *
     * @throws HealthRulesException when the text is not YAML or not a list of rules
     */
    public static HealthRules parse(String yaml, String source) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(source, "source");
        return new HealthRules(source, new HealthRulesParser(source).parse(yaml));
    }

    public static HealthRules none() {
        return new HealthRules("", List.of());
    }

    public String source() {
        return source;
    }

    public int size() {
        return rules.size();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The kinds these rules judge, in the order they first appear. */
    public List<GroupKind> kinds() {
        return rules.stream().map(HealthRule::kind).distinct().toList();
    }

    /** Every expression that does not compile, each naming its rule and check; for linting. */
    public List<String> problems() {
        return rules.stream().flatMap(rule -> rule.problems().stream()).toList();
    }

    /** The verdict of the first rule for the object's kind that decides, if any does. */
    Optional<HealthAssessment> assess(Manifest live) {
        GroupKind kind = live.groupKind();
        List<HealthRule> forKind = rules.stream().filter(rule -> rule.kind().equals(kind)).toList();
        if (forKind.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> variables = CelValues.variables(live.at(""));
        for (HealthRule rule : forKind) {
            Optional<Health> health = rule.assess(variables);
            if (health.isPresent()) {
                return Optional.of(new HealthAssessment(live.key(), health.get(), rule.name()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return source + " (" + rules.size() + " rules)";
    }
}
