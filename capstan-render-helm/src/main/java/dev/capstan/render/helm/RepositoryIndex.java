package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
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

    Version select(ChartReference reference) {
        Optional<Version> chosen = reference.isExactVersion()
                ? versions.stream().filter(v -> v.version().equals(reference.version()) || v.version().equals("v" + reference.version())).findFirst()
                : versions.stream().filter(v -> !v.version().contains("-")).max(Comparator.comparing(Version::version, RepositoryIndex::compareVersions));
        return chosen.orElseThrow(() -> new RenderException(Reason.NOT_FOUND, Origin.NONE, reference + ": the repository has no "
                + (reference.isExactVersion() ? "version " + reference.version() : "released version") + " of " + reference.chart()
                + "; it has " + newest(5)));
    }

    private String newest(int count) {
        List<String> names = versions.stream().map(Version::version).sorted(RepositoryIndex::compareVersions).toList().reversed();
        return names.isEmpty() ? "none" : String.join(", ", names.subList(0, Math.min(count, names.size()))) + (names.size() > count ? ", ..." : "");
    }

    /** Semantic versions by major, minor and patch number, a pre-release before its release. */
    static int compareVersions(String a, String b) {
        String[] left = core(a).split("\\.");
        String[] right = core(b).split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int compared = Long.compare(number(left, i), number(right, i));
            if (compared != 0) {
                return compared;
            }
        }
        boolean leftPre = a.contains("-");
        boolean rightPre = b.contains("-");
        return leftPre == rightPre ? a.compareTo(b) : leftPre ? -1 : 1;
    }

    private static String core(String version) {
        String stripped = version.startsWith("v") ? version.substring(1) : version;
        int end = stripped.length();
        for (char mark : new char[] {'-', '+'}) {
            int at = stripped.indexOf(mark);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return stripped.substring(0, end);
    }

    private static long number(String[] parts, int index) {
        try {
            return index < parts.length ? Long.parseLong(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
