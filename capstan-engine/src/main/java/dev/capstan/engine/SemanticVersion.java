package dev.capstan.engine;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version read from a tag name (or a chart's version), ordered by Semantic Versioning 2.0 precedence. Tags are read as
 * leniently as Argo CD and Flux read them (Masterminds semver): an optional leading {@code v},
 * and a missing minor or patch counts as 0 ({@code v1.2} is 1.2.0). Build metadata is accepted
 * and ignored, as precedence ignores it.
 */
public record SemanticVersion(long major, long minor, long patch, List<String> preRelease) implements Comparable<SemanticVersion> {

    private static final String NUMBER = "(0|[1-9][0-9]{0,17})";
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern TAG = Pattern.compile(
            "v?" + NUMBER + "(?:\\." + NUMBER + ")?(?:\\." + NUMBER + ")?(?:-(" + IDENTIFIERS + "))?(?:\\+" + IDENTIFIERS + ")?");

    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingLong(SemanticVersion::major)
            .thenComparingLong(SemanticVersion::minor)
            .thenComparingLong(SemanticVersion::patch)
            .thenComparing(SemanticVersion::preRelease, SemanticVersion::comparePreReleases);

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    public SemanticVersion(long major, long minor, long patch) {
        this(major, minor, patch, List.of());
    }

    /** The version a tag names, or empty when the tag is not a version. */
    public static Optional<SemanticVersion> parseTag(String tag) {
        Matcher m = TAG.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(number(m.group(1)), number(m.group(2)), number(m.group(3)),
                m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (isPreRelease() ? "-" + String.join(".", preRelease) : "");
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** A release is higher than any of its pre-releases; otherwise identifier by identifier. */
    private static int comparePreReleases(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = compareIdentifiers(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Numeric identifiers compare as numbers and below alphanumeric ones, which compare in ASCII order. */
    private static int compareIdentifiers(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
