package dev.capstan.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version range over tags or chart versions, in the syntax Argo CD and Flux accept (Masterminds semver):
 * alternatives separated by {@code ||}, each a list of comparisons that must all hold, separated
 * by spaces or commas.
 *
 * <ul>
 *   <li>{@code 1.2.3} or {@code =1.2.3} exactly; {@code !=1.2.3} anything else;
 *   <li>{@code *}, {@code x}, {@code 1.x}, {@code 1.2.*} or a partial {@code 1.2}: any version in that place;
 *   <li>{@code >}, {@code >=}, {@code <}, {@code <=}; a partial version stands for its whole range,
 *       so {@code >1.2} is {@code >=1.3.0} and {@code <=1.2} is {@code <1.3.0};
 *   <li>{@code ~1.2.3} is {@code >=1.2.3 <1.3.0}, {@code ~1} is {@code >=1.0.0 <2.0.0} ({@code ~>} too);
 *   <li>{@code ^1.2.3} is {@code >=1.2.3 <2.0.0}, {@code ^0.2.3} is {@code >=0.2.3 <0.3.0},
 *       {@code ^0.0.3} is {@code >=0.0.3 <0.0.4};
 *   <li>{@code 1.2 - 1.4.5} is {@code >=1.2.0 <=1.4.5}.
 * </ul>
 *
 * <p>A pre-release version matches only an alternative that mentions a pre-release itself
 * ({@code >=2.0.0-0}), so {@code *} never picks {@code v2.0.0-rc.1}.
 */
public final class VersionConstraint {

    private static final Pattern COMPARISON = Pattern.compile("(=|!=|>=|<=|>|<|~>|~|\\^)?(.+)");
    private static final Pattern OPERATOR_SPACE = Pattern.compile("(!=|>=|<=|~>|[=><~^])\\s+");

    private final String text;
    private final List<Alternative> alternatives;

    private VersionConstraint(String text, List<Alternative> alternatives) {
        this.text = text;
        this.alternatives = List.copyOf(alternatives);
    }

    /** The constraint {@code text} states, or empty when it is not a version constraint (such as a branch name). */
    public static Optional<VersionConstraint> parse(String text) {
        var alternatives = new ArrayList<Alternative>();
        for (String alternative : text.split("\\|\\|", -1)) {
            Optional<Alternative> parsed = Alternative.parse(alternative);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            alternatives.add(parsed.get());
        }
        return Optional.of(new VersionConstraint(text.trim(), alternatives));
    }

    public boolean matches(SemanticVersion version) {
        return alternatives.stream().anyMatch(alternative -> alternative.matches(version));
    }

    @Override
    public String toString() {
        return text;
    }

    /** Comparisons that must all hold. */
    private record Alternative(List<Range> ranges, boolean mentionsPreRelease) {

        static Optional<Alternative> parse(String text) {
            String[] tokens = OPERATOR_SPACE.matcher(text.trim()).replaceAll("$1").split("[\\s,]+");
            var ranges = new ArrayList<Range>();
            boolean preRelease = false;
            for (int i = 0; i < tokens.length; i++) {
                if (i + 2 < tokens.length && tokens[i + 1].equals("-")) {
                    Optional<Partial> from = Partial.parse(tokens[i]);
                    Optional<Partial> to = Partial.parse(tokens[i + 2]);
                    if (from.isEmpty() || to.isEmpty()) {
                        return Optional.empty();
                    }
                    ranges.add(Range.compare(">=", from.get()));
                    ranges.add(Range.compare("<=", to.get()));
                    preRelease |= from.get().isPreRelease() || to.get().isPreRelease();
                    i += 2;
                    continue;
                }
                Matcher comparison = COMPARISON.matcher(tokens[i]);
                Optional<Partial> version = comparison.matches() ? Partial.parse(comparison.group(2)) : Optional.empty();
                if (version.isEmpty()) {
                    return Optional.empty();
                }
                ranges.add(Range.compare(comparison.group(1) == null ? "=" : comparison.group(1), version.get()));
                preRelease |= version.get().isPreRelease();
            }
            return Optional.of(new Alternative(ranges, preRelease));
        }

        public boolean matches(SemanticVersion version) {
            if (version.isPreRelease() && !mentionsPreRelease) {
                return false;
            }
            return ranges.stream().allMatch(range -> range.contains(version));
        }
    }

    /** A version with some places possibly left open ({@code x}, {@code *} or missing): null means any. */
    private record Partial(Long major, Long minor, Long patch, List<String> preRelease) {

        private static final Pattern SYNTAX = Pattern.compile(
                "v?(0|[1-9][0-9]{0,17}|[xX*])(?:\\.(0|[1-9][0-9]{0,17}|[xX*]))?(?:\\.(0|[1-9][0-9]{0,17}|[xX*]))?"
                        + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

        static Optional<Partial> parse(String text) {
            Matcher m = SYNTAX.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            Long major = place(m.group(1));
            Long minor = major == null ? null : place(m.group(2));
            Long patch = minor == null ? null : place(m.group(3));
            if (m.group(4) != null && patch == null) {
                return Optional.empty();
            }
            return Optional.of(new Partial(major, minor, patch, m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
        }

        private static Long place(String text) {
            return text == null || text.equalsIgnoreCase("x") || text.equals("*") ? null : Long.parseLong(text);
        }

        public boolean isPreRelease() {
            return !preRelease.isEmpty();
        }

        boolean isAny() {
            return major == null;
        }

        boolean isExact() {
            return patch != null;
        }

        /** The lowest version in this place: open places as 0. */
        SemanticVersion floor() {
            return new SemanticVersion(major == null ? 0 : major, minor == null ? 0 : minor, patch == null ? 0 : patch, preRelease);
        }

        /** The lowest version above this place, for a partial version: {@code 1.2} gives 1.3.0, {@code 1} gives 2.0.0. */
        SemanticVersion next() {
            return minor == null ? new SemanticVersion(major + 1, 0, 0) : new SemanticVersion(major, minor + 1, 0);
        }
    }

    /** Versions between two bounds, either of which may be open (null); or, negated, those outside. */
    private record Range(SemanticVersion lower, boolean lowerInclusive, SemanticVersion upper, boolean upperInclusive, boolean negated) {

        static final Range ANY = new Range(null, false, null, false, false);
        static final Range NONE = new Range(null, false, null, false, true);

        static Range from(SemanticVersion lower) {
            return new Range(lower, true, null, false, false);
        }

        static Range between(SemanticVersion lower, SemanticVersion upperExclusive) {
            return new Range(lower, true, upperExclusive, false, false);
        }

        static Range compare(String operator, Partial p) {
            return switch (operator) {
                case "=" -> equal(p);
                case "!=" -> {
                    Range equal = equal(p);
                    yield new Range(equal.lower, equal.lowerInclusive, equal.upper, equal.upperInclusive, !equal.negated);
                }
                case ">" -> p.isAny() ? NONE : p.isExact() ? new Range(p.floor(), false, null, false, false) : from(p.next());
                case ">=" -> from(p.floor());
                case "<" -> p.isAny() ? NONE : new Range(null, false, p.floor(), false, false);
                case "<=" -> p.isAny() ? ANY : p.isExact() ? new Range(null, false, p.floor(), true, false) : new Range(null, false, p.next(), false, false);
                case "~", "~>" -> p.isAny() ? ANY : between(p.floor(), p.minor() == null
                        ? new SemanticVersion(p.major() + 1, 0, 0)
                        : new SemanticVersion(p.major(), p.minor() + 1, 0));
                case "^" -> p.isAny() ? ANY : between(p.floor(), caretCeiling(p));
                default -> throw new IllegalArgumentException("operator " + operator);
            };
        }

        private static Range equal(Partial p) {
            if (p.isAny()) {
                return ANY;
            }
            return p.isExact() ? new Range(p.floor(), true, p.floor(), true, false) : between(p.floor(), p.next());
        }

        /** The first version that may break what {@code p} offers: the next major, or below 1.0.0 the next minor or patch. */
        private static SemanticVersion caretCeiling(Partial p) {
            if (p.major() > 0 || p.minor() == null) {
                return new SemanticVersion(p.major() + 1, 0, 0);
            }
            if (p.minor() > 0 || p.patch() == null) {
                return new SemanticVersion(0, p.minor() + 1, 0);
            }
            return new SemanticVersion(0, 0, p.patch() + 1);
        }

        boolean contains(SemanticVersion version) {
            boolean above = lower == null || (lowerInclusive ? version.compareTo(lower) >= 0 : version.compareTo(lower) > 0);
            boolean below = upper == null || (upperInclusive ? version.compareTo(upper) <= 0 : version.compareTo(upper) < 0);
            return (above && below) != negated;
        }
    }
}
