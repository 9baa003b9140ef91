package dev.capstan.engine.health;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * One CEL expression of a health rule, over the variable {@code object} (the whole live object
 * as a map). Compiled once, when the rules are loaded; a compile error is kept as a problem
 * instead of thrown, so the rule can report it as its verdict. The environment is close to the
 * one Kubernetes gives CEL: standard macros ({@code has}, {@code exists}, {@code all},
 * {@code filter}, {@code map}), the strings extension, optional syntax ({@code object.?status}),
 * and numeric comparison across int and double.
 */
final class RuleExpression {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current()
                    .enableOptionalSyntax(true)
                    .enableHeterogeneousNumericComparisons(true)
                    .comprehensionMaxIterations(100_000)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.optional())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.optional())
            .addVar("object", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    private static final Pattern EVALUATION_PREFIX = Pattern.compile("^evaluation error at [^:]*:\\d+: ");

    private final String text;
    private final CelRuntime.Program program;
    private final String problem;

    private RuleExpression(String text, CelRuntime.Program program, String problem) {
        this.text = text;
        this.program = program;
        this.problem = problem;
    }

    /** Compiles {@code text}, which must give {@code expected} (or a dynamic value checked when evaluated). */
    static RuleExpression compile(String text, CelType expected) {
        CelValidationResult result = CEL.compile(text, "expression");
        if (result.hasError()) {
            return failed(text, "`%s` does not compile: %s".formatted(text, issues(result)));
        }
        try {
            var ast = result.getAst();
            CelType type = ast.getResultType();
            if (!type.equals(expected) && !type.equals(SimpleType.DYN)) {
                return failed(text, "`%s` has type %s, not %s".formatted(text, type.name(), expected.name()));
            }
            return new RuleExpression(text, CEL.createProgram(ast), "");
        } catch (Exception e) {
            return failed(text, "`%s` does not compile: %s".formatted(text, e.getMessage()));
        }
    }

    String text() {
        return text;
    }

    /** Why this expression cannot be evaluated, if it cannot. */
    Optional<String> problem() {
        return problem.isEmpty() ? Optional.empty() : Optional.of(problem);
    }

    /** The value for these variables, or a {@link RuleFailure} saying why there is none. */
    Object evaluate(Map<String, Object> variables) {
        if (program == null) {
            throw new RuleFailure(problem);
        }
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new RuleFailure("`%s` failed: %s".formatted(text, EVALUATION_PREFIX.matcher(e.getMessage()).replaceFirst("")));
        } catch (RuntimeException e) {
            throw new RuleFailure("`%s` failed: %s".formatted(text, e));
        }
    }

    private static RuleExpression failed(String text, String problem) {
        return new RuleExpression(text, null, problem);
    }

    private static String issues(CelValidationResult result) {
        return result.getErrors().stream().map(RuleExpression::issue).collect(Collectors.joining("; "));
    }

    private static String issue(CelIssue issue) {
        var location = issue.getSourceLocation();
        String where = location.getLine() > 1
                ? " (line %d, column %d)".formatted(location.getLine(), location.getColumn() + 1)
                : " (column %d)".formatted(location.getColumn() + 1);
        return issue.getMessage() + where;
    }

    /** An expression that could not give a value; the message says which and why. */
    static final class RuleFailure extends RuntimeException {

        RuleFailure(String message) {
            super(message, null, false, false);
        }
    }
}
