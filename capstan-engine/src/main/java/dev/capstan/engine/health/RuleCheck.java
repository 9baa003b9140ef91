package dev.capstan.engine.health;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.health.RuleExpression.RuleFailure;

/**
 * One {@code when → status, message} entry of a health rule. The message is either literal
 * ({@code message}) or computed ({@code messageExpression}, a CEL string expression), as in a
 * Kubernetes ValidatingAdmissionPolicy.
 */
record RuleCheck(int index, RuleExpression when, HealthStatus status, String message, Optional<RuleExpression> messageExpression) {

    /** The health this entry gives, or empty when its {@code when} is false. */
    Optional<Health> apply(Map<String, Object> variables) {
        Object matches = when.evaluate(variables);
        if (!(matches instanceof Boolean)) {
            throw new RuleFailure("`%s` gave %s, not a bool".formatted(when.text(), describe(matches)));
        }
        if (!(Boolean) matches) {
            return Optional.empty();
        }
        return Optional.of(new Health(status, messageFor(variables)));
    }

    Stream<RuleExpression> expressions() {
        return Stream.concat(Stream.of(when), messageExpression.stream());
    }

    private String messageFor(Map<String, Object> variables) {
        if (messageExpression.isEmpty()) {
            return message;
        }
        Object text = messageExpression.get().evaluate(variables);
        if (!(text instanceof String string)) {
            throw new RuleFailure("`%s` gave %s, not a string".formatted(messageExpression.get().text(), describe(text)));
        }
        return string;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
