package dev.capstan.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import dev.capstan.render.kustomize.KustomizeRenderer;

/**
 * Which tool renders a source, as Argo CD users expect: the options the spec names win
 * ({@code helm}, {@code kustomize}, {@code directory}); a {@code chart} is a chart in a Helm
 * repository; otherwise the files at the path decide ({@code Chart.yaml} is a Helm chart, a
 * kustomization file a Kustomize application), and anything else is a directory of YAML, JSON and
 * Jsonnet files.
 */
public enum SourceKind {
    DIRECTORY("directory"),
    KUSTOMIZE("kustomize"),
    HELM("helm"),
    HELM_REPOSITORY("helm chart from a repository");

    private final String display;

    SourceKind(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /**
     * What is wrong with the tool options {@code source} names, said as a message naming the
     * fields ({@code field} is where the source sits, such as {@code spec.sources[1]}); empty when
     * they name one tool at most.
     */
    static Optional<String> conflict(ApplicationSource source, String field) {
        List<String> named = explicitFields(source);
        if (source.getChart() != null && !source.getChart().isBlank()) {
            List<String> others = named.stream().filter(name -> !name.equals("helm")).toList();
            if (!others.isEmpty()) {
                return Optional.of(field + ".chart names a Helm chart, so " + String.join(" and ", others.stream().map(name -> field + "." + name).toList())
                        + " cannot apply; remove " + (others.size() == 1 ? "it" : "them"));
            }
            return Optional.empty();
        }
        if (named.size() > 1) {
            return Optional.of(String.join(" and ", named.stream().map(name -> field + "." + name).toList())
                    + " are all set, but a source is rendered by one tool; keep one of them");
        }
        return Optional.empty();
    }

    /** The tool for {@code source}, whose directory {@code path} lies in {@code tree} (not read for a chart or explicit options). */
    public static SourceKind of(ApplicationSource source, SourceTree tree, String path) {
        Optional<SourceKind> explicit = explicit(source);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String chartFile = path.isEmpty() ? "Chart.yaml" : path + "/Chart.yaml";
        if (tree.resolve(chartFile).filter(Entry::isFile).isPresent()) {
            return HELM;
        }
        if (KustomizeRenderer.isKustomization(tree, path.isEmpty() ? "." : path)) {
            return KUSTOMIZE;
        }
        return DIRECTORY;
    }

    /** The tool the spec names, without looking at files: a chart, or the one tool whose options are set. */
    static Optional<SourceKind> explicit(ApplicationSource source) {
        if (source.getChart() != null && !source.getChart().isBlank()) {
            return Optional.of(HELM_REPOSITORY);
        }
        if (source.getHelm() != null) {
            return Optional.of(HELM);
        }
        if (source.getKustomize() != null) {
            return Optional.of(KUSTOMIZE);
        }
        if (source.getDirectory() != null) {
            return Optional.of(DIRECTORY);
        }
        return Optional.empty();
    }

    private static List<String> explicitFields(ApplicationSource source) {
        var named = new ArrayList<String>();
        if (source.getHelm() != null) {
            named.add("helm");
        }
        if (source.getKustomize() != null) {
            named.add("kustomize");
        }
        if (source.getDirectory() != null) {
            named.add("directory");
        }
        return named;
    }
}
