package dev.capstan.engine.health;

/**
 * Health rules that cannot be loaded: the text is not YAML, or its structure is not that of a
 * rule file. The message names the source and the rule and field at fault. (CEL expressions
 * that do not compile do not throw: the rule reports them as its verdict, see {@link HealthRules}.)
 */
public final class HealthRulesException extends RuntimeException {

    public HealthRulesException(String message) {
        super(message);
    }
}
