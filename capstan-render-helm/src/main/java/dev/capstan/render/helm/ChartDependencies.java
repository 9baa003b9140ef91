package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.SemanticVersion;
import dev.capstan.engine.render.LinkResolver;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.render.helm.ChartReference.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The dependencies a chart's {@code Chart.yaml} lists but its {@code charts/} directory does not
 * hold, put there before Helm runs, as {@code helm dependency build} would: a chart from a Helm
 * repository or an OCI registry through {@link ChartRepository} (its cache, its limits, and the
 * credentials of that repository), or a {@code file://} chart from the same source tree, never
 * from outside it. Vendored dependencies are used as they are.
 */
final class ChartDependencies {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ChartDependencies() {
    }

    /**
     * @param chartDir the chart on disk, copied from {@code tree} at {@code chartLocation}
     * @param tree the source tree {@code file://} dependencies are read from; null for a packaged chart
     */
    static void complete(Path chartDir, String chartLocation, SourceTree tree, ChartRepository repository,
            Function<String, Credentials> credentials, ReadBudget budget) {
        JsonNode dependencies = chartYaml(chartDir, chartLocation).path("dependencies");
        if (!dependencies.isArray() || dependencies.isEmpty()) {
            return;
        }
        Path charts = chartDir.resolve("charts");
        Set<String> present = vendored(charts);
        for (JsonNode dependency : dependencies) {
            String name = dependency.path("name").asString("");
            if (name.isEmpty() || present.contains(name)) {
                continue;
            }
            String version = dependency.path("version").asString("");
            String from = dependency.path("repository").asString("").strip();
            Origin origin = new Origin(ChartCopy.join(chartLocation, "Chart.yaml"), 0);
            mkdirs(charts);
            if (from.startsWith("file://")) {
                if (tree == null) {
                    throw new RenderException(Reason.NOT_FOUND, origin, "dependency " + name + " (" + from
                            + ") is not packaged in the chart's charts/ directory");
                }
                ChartCopy.copy(tree, besideChart(chartLocation, from, origin), charts.resolve(name), budget);
            } else if (from.startsWith("http://") || from.startsWith("https://") || from.startsWith(OciRegistry.SCHEME)) {
                Path archive = repository.fetch(new ChartReference(from, name, version, credentials.apply(from)));
                copy(archive, charts.resolve(name + ".tgz"));
            } else {
                throw new RenderException(Reason.INVALID_OPTIONS, origin, "dependency " + name + " is not in charts/ and its repository "
                        + (from.isEmpty() ? "is not given" : from + " is not a URL (repository names need `helm repo add`; write the repository's URL)"));
            }
            present.add(name);
        }
    }

    /** The tree path a {@code file://} repository names, relative to the chart; never above the tree's root. */
    private static String besideChart(String chartLocation, String repository, Origin origin) {
        var segments = new java.util.ArrayDeque<String>();
        String relative = repository.substring("file://".length());
        for (String segment : ((relative.startsWith("/") ? "" : chartLocation + "/") + relative).split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new RenderException(Reason.INVALID_OPTIONS, origin, "dependency " + repository + " lies outside the repository");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return LinkResolver.normalise(String.join("/", segments));
    }

    private static JsonNode chartYaml(Path chartDir, String chartLocation) {
        try {
            return YAML.readTree(Files.readString(chartDir.resolve("Chart.yaml")));
        } catch (JacksonException e) {
            throw new RenderException(Reason.MALFORMED, new Origin(ChartCopy.join(chartLocation, "Chart.yaml"), e.getLocation() == null ? 0
                    : e.getLocation().getLineNr()), "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the subcharts {@code charts/} holds: directories by their Chart.yaml's name, archives by their file name. */
    private static Set<String> vendored(Path charts) {
        var names = new HashSet<String>();
        if (!Files.isDirectory(charts)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(charts)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve("Chart.yaml"))) {
                    names.add(YAML.readTree(Files.readString(entry.resolve("Chart.yaml"))).path("name").asString(file));
                } else if (file.endsWith(".tgz")) {
                    names.add(archiveName(file.substring(0, file.length() - ".tgz".length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            // a subchart whose Chart.yaml is broken: Helm names it when it loads the chart
        }
        return names;
    }

    /** {@code redis-17.3.2} is the chart {@code redis}: the name is what comes before a version. */
    private static String archiveName(String base) {
        for (int dash = base.indexOf('-'); dash > 0; dash = base.indexOf('-', dash + 1)) {
            if (SemanticVersion.parseTag(base.substring(dash + 1)).isPresent()) {
                return base.substring(0, dash);
            }
        }
        return base;
    }

    private static void copy(Path archive, Path target) {
        try {
            Files.copy(archive, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
