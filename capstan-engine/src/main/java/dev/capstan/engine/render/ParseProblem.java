package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * A parser's complaint about a file, put the way a person reads it: the file and line, the
 * column, and the problem in a few words, without the parser's snippets and source descriptions.
 */
final class ParseProblem {

    private static final Pattern SOURCE_DESCRIPTION = Pattern.compile("\\s*\\([^()]*\\[Source:[^\\]]*\\][^()]*\\)");

    private ParseProblem() {
    }

    static RenderException of(String file, DocumentFormat format, JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
            Mark mark = marked.getProblemMark().get();
            // the context helps only when it points somewhere else, like where an unclosed quote began
            String context = marked.getContext() == null ? "" : marked.getContextMark()
                    .map(m -> " (" + marked.getContext() + " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")")
                    .orElse("");
            return at(file, format, mark.getLine() + 1, mark.getColumn() + 1, marked.getProblem() + context, e);
        }
        TokenStreamLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
        int column = location == null ? 0 : Math.max(location.getColumnNr(), 0);
        String problem = firstLine(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            return new RenderException(Reason.TOO_LARGE, new Origin(file, line), problem, e);
        }
        return at(file, format, line, column, problem, e);
    }

    /** A problem found after parsing, at a known place, such as a duplicate key. */
    static RenderException at(String file, DocumentFormat format, int line, int column, String problem, Throwable cause) {
        String where = column > 0 ? " at column " + column : "";
        return new RenderException(Reason.MALFORMED, new Origin(file, line), "malformed " + format + where + ": " + problem, cause);
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message.strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline).strip();
        return SOURCE_DESCRIPTION.matcher(first).replaceAll("");
    }
}
