package dev.capstan.render.jsonnet;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An sjsonnet error put the way a person reads it: the file and line where it happened, relative
 * to the source root, then the problem. An import that was refused keeps its reason and points at
 * the line of the import. Errors inside an external variable or top-level argument name the variable
 * and leave out sjsonnet's message, which may quote the value.
 */
final class JsonnetProblem {

    private static final Pattern PARSER_POSITION = Pattern.compile(":\\d+:\\d+, found");

    private JsonnetProblem() {
    }

    /** Where an error happened: a file of the tree and its line and column, or a variable. */
    private record Place(String file, int line, int column) {

        boolean isVariable() {
            return file.startsWith("<");
        }

        /** A name sjsonnet gives to what is no file: a variable, or {@code (materialize)} for the output. */
        boolean isFile() {
            return !file.startsWith("<") && !file.startsWith("(");
        }

        /** {@code extVar 'name'} for sjsonnet's {@code <ext-var name>}. */
        String variable() {
            String inner = file.substring(1, file.length() - 1);
            int space = inner.indexOf(' ');
            String kind = inner.substring(0, space).equals("ext-var") ? "extVar" : "tla";
            return kind + " '" + inner.substring(space + 1) + "'";
        }
    }

    static RenderException of(TreePath file, sjsonnet.Error error) {
        Optional<Place> place = place(error);
        Origin origin = place.filter(Place::isFile).map(p -> new Origin(p.file(), p.line())).orElse(new Origin(file.toString(), 0));
        String column = place.filter(p -> p.isFile() && p.column() > 0).map(p -> " at column " + p.column()).orElse("");
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ImportRefused refused) {
                return new RenderException(refused.reason(), origin, refused.getMessage());
            }
            if (cause instanceof RenderException read) {
                return new RenderException(read.reason(), origin, "import failed: " + read.getMessage(), read);
            }
        }
        if (place.isPresent() && place.get().isVariable()) {
            return new RenderException(Reason.MALFORMED, origin, "Jsonnet " + place.get().variable()
                    + " is not valid Jsonnet code or fails to evaluate" + (error.getCause() == null ? "" : " (" + kind(error) + ")"));
        }
        String problem = error.getCause() == null ? firstLine(error.getMessage()) : "internal error of the Jsonnet evaluator (" + kind(error) + ")";
        String what = error instanceof sjsonnet.ParseError ? "malformed Jsonnet" : "Jsonnet error";
        return new RenderException(Reason.MALFORMED, origin, what + column + ": " + problem, error);
    }

    /** sjsonnet keeps its stack as Java frames, innermost first, whose file name is {@code path:line} and line number the column. */
    private static Optional<Place> place(sjsonnet.Error error) {
        StackTraceElement[] frames = error.getStackTrace();
        if (frames.length == 0 || frames[0].getFileName() == null) {
            return Optional.empty();
        }
        String name = frames[0].getFileName();
        int colon = name.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String file = name.substring(0, colon);
        try {
            return Optional.of(new Place(file, Integer.parseInt(name.substring(colon + 1)), frames[0].getLineNumber()));
        } catch (NumberFormatException e) {
            // "path offset:" when sjsonnet could not work out the line
            return Optional.of(new Place(file.endsWith(" offset") ? file.substring(0, file.length() - " offset".length()) : file, 0, 0));
        }
    }

    private static String kind(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** The first line of sjsonnet's message, without the {@code :line:column} its parser puts after what it expected. */
    private static String firstLine(String message) {
        String text = message == null || message.isBlank() ? "evaluation failed" : message.strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline).strip();
        return PARSER_POSITION.matcher(first).replaceFirst(", found");
    }
}
