package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.SemanticVersion;
import dev.capstan.engine.VersionConstraint;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The versions of one chart that a repository's {@code index.yaml} lists, and the choice among
 * them: the version asked for, or the newest that is not a pre-release.
 */
record RepositoryIndex(List<Version> versions) {

    /** One packaged version: its version, where it is (relative to the repository or absolute), and its SHA-256. */
    record Version(String version, String url, String digest) {
    }

    static RepositoryIndex parse(JsonNode index, ChartReference reference) {
        JsonNode entries = index.path("entries").path(reference.chart());
        if (!entries.isArray() || entries.isEmpty()) {
            throw new RenderException(Reason.NOT_FOUND, Origin.NONE, reference + ": the repository has no chart named " + reference.chart());
        }
        var versions = new ArrayList<Version>();
        for (JsonNode entry : entries) {
            JsonNode urls = entry.path("urls");
            if (entry.path("version").isString() && urls.isArray() && !urls.isEmpty()) {
                versions.add(new Version(entry.get("version").asString(), urls.get(0).asString(), entry.path("digest").asString("")));
            }
        }
        return new RepositoryIndex(versions);
    }

    /** The versions an OCI registry has of a chart (its tags), each fetched by its own name. */
    static RepositoryIndex ofVersions(List<String> versions) {
        return new RepositoryIndex(versions.stream().map(version -> new Version(version, version, "")).toList());
    }

    /**
     * The version asked for: the one named exactly, or the highest that a version range such as
     * {@code ^1.2}, {@code 1.x} or {@code >=2.0.0 <3.0.0} admits, with empty and {@code *} the
     * newest release (pre-releases only where the range names one).
     */
    Version select(ChartReference reference) {
        Optional<Version> chosen = reference.isExactVersion()
                ? versions.stream().filter(v -> v.version().equals(reference.version()) || v.version().equals("v" + reference.version())).findFirst()
                : highest(reference.constraint());
        return chosen.orElseThrow(() -> new RenderException(Reason.NOT_FOUND, Origin.NONE, reference + ": the repository has no "
                + (reference.isExactVersion() ? "version " + reference.version() : "version in the range " + reference.constraint())
                + " of " + reference.chart() + "; it has " + newest(5)));
    }

    private Optional<Version> highest(VersionConstraint constraint) {
        record Parsed(Version version, SemanticVersion semantic) {
        }
        return versions.stream()
                .flatMap(version -> SemanticVersion.parseTag(version.version()).stream().map(semantic -> new Parsed(version, semantic)))
                .filter(parsed -> constraint.matches(parsed.semantic()))
                .max(Comparator.comparing(Parsed::semantic))
                .map(Parsed::version);
    }

    private String newest(int count) {
        List<String> names = versions.stream().map(Version::version)
                .sorted(Comparator.comparing((String version) -> SemanticVersion.parseTag(version).orElse(LOWEST)).reversed()).toList();
        return names.isEmpty() ? "none" : String.join(", ", names.subList(0, Math.min(count, names.size()))) + (names.size() > count ? ", ..." : "");
    }

    private static final SemanticVersion LOWEST = new SemanticVersion(0, 0, 0, List.of("0"));
}
