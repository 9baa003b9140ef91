package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How to evaluate the Jsonnet files of a directory source, as Argo CD's {@code directory.jsonnet}:
 * external variables ({@code std.extVar}), top-level arguments for a file that evaluates to a
 * function, and library paths searched for imports after the importing file's directory.
 *
 * @param extVars external variables, in order
 * @param tlas top-level arguments, in order
 * @param libs library directories relative to the repository root; for an import found in more
 *     than one, the last listed wins, as with the {@code jsonnet} command's {@code -J}
 */
public record JsonnetOptions(List<Variable> extVars, List<Variable> tlas, List<String> libs) {

    /**
     * One name bound to a value: a string, or with {@code code} a Jsonnet expression.
     * The value may be a secret and is never put in a message.
     */
    public record Variable(String name, String value, boolean code) {

        public Variable {
            Objects.requireNonNull(name, "name");
            value = Objects.requireNonNullElse(value, "");
        }

        public static Variable string(String name, String value) {
            return new Variable(name, value, false);
        }

        public static Variable code(String name, String expression) {
            return new Variable(name, expression, true);
        }
    }

    public JsonnetOptions {
        extVars = List.copyOf(Objects.requireNonNullElse(extVars, List.of()));
        tlas = List.copyOf(Objects.requireNonNullElse(tlas, List.of()));
        libs = List.copyOf(Objects.requireNonNullElse(libs, List.of()));
    }

    /** No variables, arguments or libraries. */
    public static JsonnetOptions none() {
        return new JsonnetOptions(List.of(), List.of(), List.of());
    }

    public JsonnetOptions withExtVars(List<Variable> variables) {
        return new JsonnetOptions(variables, tlas, libs);
    }

    public JsonnetOptions withTlas(List<Variable> arguments) {
        return new JsonnetOptions(extVars, arguments, libs);
    }

    public JsonnetOptions withLibs(List<String> directories) {
        return new JsonnetOptions(extVars, tlas, directories);
    }

    /**
     * These options with the library paths normalised ({@code ./lib/} is {@code lib}).
     *
     * @throws RenderException {@code INVALID_OPTIONS} for an empty or repeated name,
     *     {@code PATH_OUTSIDE_ROOT} for a library path that is absolute or has a {@code ..} segment
     */
    JsonnetOptions checked() {
        requireNames(extVars, "extVar");
        requireNames(tlas, "tla");
        List<String> normalised = libs.stream().map(JsonnetOptions::library).toList();
        return new JsonnetOptions(extVars, tlas, normalised);
    }

    private static void requireNames(List<Variable> variables, String what) {
        var seen = new HashSet<String>();
        for (Variable variable : variables) {
            if (variable.name().isBlank()) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "jsonnet " + what + " without a name");
            }
            if (!seen.add(variable.name())) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "jsonnet " + what + " '" + variable.name() + "' is given twice");
            }
        }
    }

    private static String library(String path) {
        try {
            return SourcePath.parse(path).toString();
        } catch (RenderException e) {
            throw new RenderException(e.reason(), Origin.NONE, "jsonnet library path: " + e.getMessage());
        }
    }
}
