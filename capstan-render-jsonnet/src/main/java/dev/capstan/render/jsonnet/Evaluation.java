package dev.capstan.render.jsonnet;

import dev.capstan.engine.render.JsonnetOptions;
import dev.capstan.engine.render.JsonnetOptions.Variable;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.util.Either;
import scala.util.Left;
import scala.util.Right;
import sjsonnet.Val;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * One evaluation of one Jsonnet file with sjsonnet, on the calling thread: read the file, evaluate
 * it with the options' variables and arguments, and write the value as compact JSON, capped in size.
 */
final class Evaluation {

    private Evaluation() {
    }

    /**
     * @throws dev.capstan.engine.render.RenderException for a file that cannot be read or evaluated
     * @throws StoppableInterpreter.Stopped when the thread was interrupted
     * @throws CappedWriter.TooLarge when the output passes {@code limits.maxTotalBytes()}
     */
    static String run(SourceTree tree, TreePath file, JsonnetOptions options, RenderLimits limits) {
        String text = new String(tree.read(file.toString(), limits.maxFileBytes()), StandardCharsets.UTF_8);
        List<TreePath> libraries = options.libs().stream().map(TreePath::of).toList();
        var interpreter = new StoppableInterpreter(code(options.extVars()), code(options.tlas()),
                new TreeImporter(tree, libraries, limits));
        Val value = valueOf(file, interpreter.evaluate(text, file));
        var output = new CappedWriter(limits.maxTotalBytes());
        valueOf(file, interpreter.materialize(value, new sjsonnet.Renderer(output, -1)));
        return output.toString();
    }

    private static <T> T valueOf(TreePath file, Either<sjsonnet.Error, T> result) {
        return switch (result) {
            case Right<sjsonnet.Error, T> right -> right.value();
            case Left<sjsonnet.Error, T> left -> throw failure(file, left.value());
            default -> throw new IllegalStateException("neither left nor right: " + result);
        };
    }

    /** A stop or an output over the cap travels as the cause of sjsonnet's error; anything else is the file's problem. */
    private static RuntimeException failure(TreePath file, sjsonnet.Error error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StoppableInterpreter.Stopped || cause instanceof CappedWriter.TooLarge) {
                return (RuntimeException) cause;
            }
        }
        return JsonnetProblem.of(file, error);
    }

    /** Each variable as Jsonnet code, a string value as a string literal. */
    private static Map<String, String> code(List<Variable> variables) {
        var code = new LinkedHashMap<String, String>();
        for (Variable variable : variables) {
            code.put(variable.name(), variable.code() ? variable.value() : literal(variable.value()));
        }
        return code;
    }

    /** A string as a Jsonnet string literal, which takes JSON's escapes. */
    private static String literal(String value) {
        var literal = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(value, literal);
        return literal.append('"').toString();
    }
}
