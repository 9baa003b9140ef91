package dev.capstan.render.helm;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.ToolOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects in what Helm rendered. Helm prints each document after a {@code ---} line and a
 * {@code # Source: chart/templates/file.yaml} comment; each object's origin is that template,
 * named where it lies in the source ({@code charts/web/templates/file.yaml} for a chart at
 * {@code charts/web}). Lines are not given: a line of the output is not a line of the template.
 */
final class TemplateOutput {

    private static final String SOURCE = "# Source: ";

    private TemplateOutput() {
    }

    /**
     * @param chartLocation where the chart lies, relative to the source root, put in place of the
     *     chart's name that starts each Helm source path; the chart's name itself for a chart that
     *     does not come from a source tree
     * @param fallback the file named for a document without a source comment
     */
    static List<Manifest> read(String output, String chartLocation, String fallback) {
        var manifests = new ArrayList<Manifest>();
        for (Chunk chunk : split(output)) {
            String file = chunk.source().isEmpty() ? fallback : located(chunk.source(), chartLocation);
            for (Manifest manifest : ToolOutput.read(file, chunk.text().getBytes(StandardCharsets.UTF_8))) {
                manifests.add(Manifest.of(manifest.copyObject(), new Origin(file, 0)));
            }
        }
        return manifests;
    }

    /** One document of the output and the template it came from, if Helm said. */
    record Chunk(String source, String text) {
    }

    static List<Chunk> split(String output) {
        var chunks = new ArrayList<Chunk>();
        String source = "";
        var text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.equals("---") || line.startsWith("--- ")) {
                addIfAny(chunks, source, text);
                source = "";
                text.setLength(0);
            } else if (line.startsWith(SOURCE) && text.toString().isBlank()) {
                source = line.substring(SOURCE.length()).strip();
            } else {
                text.append(line).append('\n');
            }
        }
        addIfAny(chunks, source, text);
        return chunks;
    }

    private static void addIfAny(List<Chunk> chunks, String source, StringBuilder text) {
        if (!text.toString().isBlank()) {
            chunks.add(new Chunk(source, text.toString()));
        }
    }

    /** {@code web/templates/x.yaml} at {@code charts/web} is {@code charts/web/templates/x.yaml}. */
    static String located(String source, String chartLocation) {
        int slash = source.indexOf('/');
        String inChart = slash < 0 ? source : source.substring(slash + 1);
        return chartLocation.isEmpty() || chartLocation.equals(".") ? inChart : chartLocation + "/" + inChart;
    }
}
