package dev.capstan.controller;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.capstan.api.v1alpha1.ApplicationSource;

/**
 * The rules of {@code spec.sources}, as Argo CD has them: each source names one tool at most;
 * a source with a {@code ref} is read by the others' Helm value files ({@code $ref/path}), and
 * is rendered itself only when it also has a path or a chart; refs are unique, and only Git
 * sources can be referred to.
 */
final class MultiSource {

    private MultiSource() {
    }

    /** What is wrong with {@code sources}, said as a message naming the field; empty when nothing is. */
    static Optional<String> problem(List<ApplicationSource> sources) {
        if (sources == null || sources.isEmpty()) {
            return Optional.of("spec.sources is empty; give at least one source");
        }
        var refs = new HashSet<String>();
        for (int i = 0; i < sources.size(); i++) {
            ApplicationSource source = sources.get(i);
            String field = "spec.sources[" + i + "]";
            Optional<String> conflict = SourceKind.conflict(source, field);
            if (conflict.isPresent()) {
                return conflict;
            }
            String ref = source.getRef();
            if (ref != null && !ref.isBlank()) {
                if (Sources.isChart(source)) {
                    return Optional.of(field + ".ref: a chart from a Helm repository cannot be referred to; only Git sources can");
                }
                if (!ref.matches("[A-Za-z0-9_-]+")) {
                    return Optional.of(field + ".ref '" + ref + "' must be letters, digits, '-' and '_'");
                }
                if (!refs.add(ref)) {
                    return Optional.of(field + ".ref '" + ref + "' is used by another source too; refs must be unique");
                }
            }
        }
        if (sources.stream().allMatch(MultiSource::onlyReferenced)) {
            return Optional.of("spec.sources only has sources with a ref and no path or chart, so nothing would be rendered");
        }
        return Optional.empty();
    }

    /** Whether {@code source} is only there to be referred to: a ref, and no path or chart to render. */
    static boolean onlyReferenced(ApplicationSource source) {
        return source.getRef() != null && !source.getRef().isBlank() && !Sources.isChart(source)
                && (source.getPath() == null || source.getPath().isBlank());
    }

    /** How messages name the source at {@code index}: {@code spec.sources[1] (https://git.example.com/org/app.git, path deploy)}, never with user information. */
    static String describe(ApplicationSource source, int index) {
        String what = Sources.isChart(source) ? "chart " + source.getChart() : "path " + Objects.requireNonNullElse(source.getPath(), ".");
        String repository = Objects.requireNonNullElse(source.getRepoURL(), "").replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
        return "spec.sources[" + index + "] (" + repository + ", " + what + ")";
    }
}
