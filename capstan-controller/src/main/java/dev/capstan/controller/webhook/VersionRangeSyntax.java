package dev.capstan.controller.webhook;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a target revision written as a semantic version or version range, in the syntax
 * {@code dev.capstan.engine.VersionConstraint} resolves ({@code 1.2.3}, {@code ^1.2}, {@code ~1.4.0},
 * {@code >=1.0.0 <2.0.0}, {@code 1.x}, {@code 1.2 - 1.4.5}, alternatives joined by {@code ||}),
 * and tags that name versions. It recognises, it does not evaluate: whether a new tag is now the
 * highest match is the Git module's question, asked when the Application is refreshed.
 */
final class VersionRangeSyntax {

    private static final String NUMBER = "(?:0|[1-9][0-9]{0,17})";
    private static final String PLACE = "(?:0|[1-9][0-9]{0,17}|[xX*])";
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final String SUFFIX = "(?:-" + IDENTIFIERS + ")?(?:\\+" + IDENTIFIERS + ")?";
    private static final Pattern TAG = Pattern.compile("v?" + NUMBER + "(?:\\." + NUMBER + "){0,2}" + SUFFIX);
    private static final Pattern PARTIAL = Pattern.compile("v?" + PLACE + "(?:\\." + PLACE + "){0,2}" + SUFFIX);
    private static final Pattern COMPARISON = Pattern.compile("(=|!=|>=|<=|>|<|~>|~|\\^)?(.+)");
    private static final Pattern EXACT = Pattern.compile("=?(v?" + NUMBER + "\\." + NUMBER + "\\." + NUMBER + "(?:-" + IDENTIFIERS + ")?)(?:\\+" + IDENTIFIERS + ")?");
    private static final Pattern OPERATOR_SPACE = Pattern.compile("(!=|>=|<=|~>|[=><~^])\\s+");

    private VersionRangeSyntax() {
    }

    /** Whether a tag name reads as a version ({@code v1.2.3}, {@code 1.2}, {@code 2.0.0-rc.1}). */
    static boolean isVersionTag(String tag) {
        return TAG.matcher(tag).matches();
    }

    /** Whether {@code target} is a version or a version range. */
    static boolean isConstraint(String target) {
        if (target.isBlank()) {
            return false;
        }
        for (String alternative : target.split("\\|\\|", -1)) {
            List<String> tokens = List.of(OPERATOR_SPACE.matcher(alternative.strip()).replaceAll("$1").split("[\\s,]+"));
            if (tokens.getFirst().isEmpty()) {
                return false;
            }
            for (int i = 0; i < tokens.size(); i++) {
                boolean hyphenRange = tokens.get(i).equals("-") && i > 0 && i < tokens.size() - 1;
                var comparison = COMPARISON.matcher(tokens.get(i));
                if (!hyphenRange && !(comparison.matches() && PARTIAL.matcher(comparison.group(2)).matches())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The version an exact constraint ({@code 1.2.3}, {@code =v1.2.3-rc.1}) names, without
     * {@code v} and build metadata; empty for ranges, wildcards and partial versions.
     */
    static Optional<String> exactVersion(String target) {
        var m = EXACT.matcher(target.strip());
        return m.matches() ? Optional.of(withoutV(m.group(1))) : Optional.empty();
    }

    /** A version tag as {@link #exactVersion} spells it. */
    static String normalisedTag(String tag) {
        int build = tag.indexOf('+');
        return withoutV(build < 0 ? tag : tag.substring(0, build));
    }

    private static String withoutV(String version) {
        return version.startsWith("v") ? version.substring(1) : version;
    }
}
