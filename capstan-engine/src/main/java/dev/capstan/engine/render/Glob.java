package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file pattern as Argo CD's {@code include} and {@code exclude} take it (gobwas/glob without
 * separators): {@code *} and {@code **} match any run of characters, {@code /} included;
 * {@code ?} matches one character; {@code [abc]}, {@code [a-z]}, {@code [!a-z]} a class;
 * {@code {a,b*}} any of the alternatives (which may nest); {@code \} makes the next character
 * plain. The whole path must match.
 */
final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * @param option the option the pattern came from, for the error message
     * @throws RenderException {@code INVALID_OPTIONS} if the pattern does not parse
     */
    static Glob compile(String pattern, String option) {
        return new Glob(pattern, Pattern.compile(new Translation(pattern, option).sequence(false), Pattern.DOTALL));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** One pass over a pattern, writing the equivalent regular expression. */
    private static final class Translation {

        private final String pattern;
        private final String option;
        private int position;

        Translation(String pattern, String option) {
            this.pattern = pattern;
            this.option = option;
        }

        String sequence(boolean inBraces) {
            var out = new StringBuilder();
            while (position < pattern.length()) {
                char c = pattern.charAt(position);
                if (inBraces && (c == ',' || c == '}')) {
                    break;
                }
                switch (c) {
                    case '*' -> {
                        while (position < pattern.length() && pattern.charAt(position) == '*') {
                            position++;
                        }
                        out.append(".*");
                    }
                    case '?' -> {
                        position++;
                        out.append('.');
                    }
                    case '[' -> out.append(characterClass());
                    case '{' -> out.append(alternatives());
                    case '\\' -> {
                        if (position + 1 >= pattern.length()) {
                            throw invalid("'\\' at the end escapes nothing");
                        }
                        out.append(Pattern.quote(String.valueOf(pattern.charAt(position + 1))));
                        position += 2;
                    }
                    default -> {
                        out.append(Pattern.quote(String.valueOf(c)));
                        position++;
                    }
                }
            }
            return out.toString();
        }

        private String alternatives() {
            int start = position;
            position++; // '{'
            List<String> choices = new ArrayList<>();
            while (true) {
                choices.add(sequence(true));
                if (position >= pattern.length()) {
                    throw invalid("'{' at position " + (start + 1) + " is not closed");
                }
                if (pattern.charAt(position++) == '}') {
                    return "(?:" + String.join("|", choices) + ")";
                }
            }
        }

        private String characterClass() {
            int start = position;
            position++; // '['
            var out = new StringBuilder("[");
            if (position < pattern.length() && (pattern.charAt(position) == '!' || pattern.charAt(position) == '^')) {
                out.append('^');
                position++;
            }
            int members = 0;
            while (position < pattern.length() && pattern.charAt(position) != ']') {
                char c = pattern.charAt(position++);
                if (c == '\\' && position < pattern.length()) {
                    c = pattern.charAt(position++);
                }
                out.append(classMember(c));
                if (position + 1 < pattern.length() && pattern.charAt(position) == '-' && pattern.charAt(position + 1) != ']') {
                    position++;
                    out.append('-').append(classMember(pattern.charAt(position++)));
                }
                members++;
            }
            if (position >= pattern.length()) {
                throw invalid("'[' at position " + (start + 1) + " is not closed");
            }
            if (members == 0) {
                throw invalid("'[' at position " + (start + 1) + " has an empty class");
            }
            position++; // ']'
            return out.append(']').toString();
        }

        private static String classMember(char c) {
            return Character.isLetterOrDigit(c) || c > 127 ? String.valueOf(c) : "\\" + c;
        }

        private RenderException invalid(String problem) {
            return new RenderException(Reason.INVALID_OPTIONS, Origin.NONE,
                    option + " pattern '" + pattern + "' is not valid: " + problem);
        }
    }
}
