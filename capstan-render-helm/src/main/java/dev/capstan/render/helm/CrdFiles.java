package dev.capstan.render.helm;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.ToolOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CustomResourceDefinitions in a chart's {@code crds/} directory and in those of its
 * subcharts, which Helm applies as they are written, untemplated, before everything else. helm-java
 * does not print them, so they are read here, each with its file and line.
 */
final class CrdFiles {

    private CrdFiles() {
    }

    /** @param chartLocation the chart's directory as messages name it */
    static List<Manifest> read(Path chart, String chartLocation) {
        var manifests = new ArrayList<Manifest>();
        readInto(manifests, chart, chartLocation);
        return manifests;
    }

    private static void readInto(List<Manifest> manifests, Path chart, String location) {
        Path crds = chart.resolve("crds");
        for (Path file : sorted(crds)) {
            String name = file.getFileName().toString();
            if (Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                manifests.addAll(ToolOutput.read(ChartCopy.join(location, "crds/" + name), bytes(file)));
            }
        }
        for (Path subchart : sorted(chart.resolve("charts"))) {
            if (Files.isDirectory(subchart)) {
                readInto(manifests, subchart, ChartCopy.join(location, "charts/" + subchart.getFileName()));
            }
        }
    }

    private static List<Path> sorted(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
