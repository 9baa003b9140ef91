package dev.capstan.git;

import dev.capstan.engine.SemanticVersion;
import dev.capstan.engine.VersionConstraint;
import dev.capstan.git.GitException.Reason;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Which object a revision names among a repository's refs, in this order: {@code HEAD} or
 * empty (the remote's default branch); a full ref name ({@code refs/...}); a branch; a tag; a
 * full or unique abbreviated SHA (4 to 40 hex digits); a semantic version range over the tags
 * that are versions ({@link VersionConstraint}), the highest match winning. Pure: refs and
 * objects are handed in.
 */
final class Revisions {

    /** The objects whose names start with some hex digits; the full name gives at most one. */
    @FunctionalInterface
    interface ObjectLookup {
        Collection<ObjectId> startingWith(AbbreviatedObjectId prefix);
    }

    /** What the revision named: an object (a commit, or a tag to peel) and how it was found, for messages. */
    record Target(ObjectId id, String description) {
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    private final RepositoryUrl url;

    Revisions(RepositoryUrl url) {
        this.url = url;
    }

    /**
     * @param refs ref names to the objects they point at, {@code HEAD} included when known
     * @throws GitException {@code REVISION_NOT_FOUND} when nothing matches, or an abbreviated SHA is ambiguous
     */
    Target resolve(String revision, Map<String, ObjectId> refs, ObjectLookup objects) {
        String wanted = revision == null ? "" : revision.strip();
        if (wanted.isEmpty() || wanted.equals("HEAD")) {
            return ref(refs, "HEAD", "the default branch (HEAD)")
                    .orElseThrow(() -> notFound("the repository has no default branch (HEAD): is it empty?"));
        }
        return ref(refs, wanted.startsWith("refs/") ? wanted : "", wanted)
                .or(() -> ref(refs, HEADS + wanted, "branch " + wanted))
                .or(() -> ref(refs, TAGS + wanted, "tag " + wanted))
                .or(() -> sha(wanted, objects))
                .or(() -> VersionConstraint.parse(wanted).map(constraint -> highestTag(constraint, refs)))
                .orElseThrow(() -> notFound("no branch, tag or commit is named '" + wanted + "'"));
    }

    private Optional<Target> ref(Map<String, ObjectId> refs, String name, String description) {
        return Optional.ofNullable(refs.get(name)).map(id -> new Target(id, description));
    }

    private Optional<Target> sha(String wanted, ObjectLookup objects) {
        if (!HEX.matcher(wanted).matches()) {
            return Optional.empty();
        }
        String hex = wanted.toLowerCase(Locale.ROOT);
        Collection<ObjectId> candidates = objects.startingWith(AbbreviatedObjectId.fromString(hex));
        if (candidates.size() > 1) {
            throw notFound("the abbreviated SHA '" + wanted + "' is ambiguous: " + candidates.size() + " objects start with it; give more digits");
        }
        return candidates.stream().findFirst().map(id -> new Target(id, "commit " + hex));
    }

    private Target highestTag(VersionConstraint constraint, Map<String, ObjectId> refs) {
        record Tagged(String tag, SemanticVersion version, ObjectId id) {
        }
        return refs.entrySet().stream()
                .filter(ref -> ref.getKey().startsWith(TAGS))
                .flatMap(ref -> {
                    String tag = ref.getKey().substring(TAGS.length());
                    return SemanticVersion.parseTag(tag).stream().map(version -> new Tagged(tag, version, ref.getValue()));
                })
                .filter(tagged -> constraint.matches(tagged.version()))
                .max(Comparator.comparing(Tagged::version).thenComparing(Tagged::tag, Comparator.reverseOrder()))
                .map(tagged -> new Target(tagged.id(), "tag " + tagged.tag() + " (highest in " + constraint + ")"))
                .orElseThrow(() -> notFound("no tag is a version in the range '" + constraint + "'"));
    }

    private GitException notFound(String why) {
        return new GitException(Reason.REVISION_NOT_FOUND, why + " in " + url);
    }
}
