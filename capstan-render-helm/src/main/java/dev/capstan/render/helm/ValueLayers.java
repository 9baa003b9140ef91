package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The values a render hands Helm, as files in the order Helm layers them (the last wins): the
 * value files, then {@code values}, then {@code valuesObject}, then the parameters. Value files
 * are read through the source tree relative to the chart's directory; they may lie elsewhere in
 * the repository ({@code ../shared/values.yaml}) but never outside it. A value file written
 * {@code $name/path} is read from the root of another source of the application, the one whose
 * {@code ref} is {@code name}, as Argo CD's multi-source applications name them.
 */
final class ValueLayers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ValueLayers() {
    }

    static List<Path> write(SourceTree tree, String chart, HelmOptions options, Map<String, SourceTree> references,
                            ReadBudget budget, Workspace workspace) {
        var files = new ArrayList<Path>();
        for (String valueFile : options.valueFiles()) {
            SourceTree from = tree;
            String path;
            String shown;
            if (valueFile.startsWith("$")) {
                int slash = valueFile.indexOf('/');
                String name = valueFile.substring(1, slash < 0 ? valueFile.length() : slash);
                from = references.get(name);
                if (from == null) {
                    throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "value file " + valueFile + " names the source $" + name
                            + ", but no source of the application has ref: " + name);
                }
                path = inRepository("", slash < 0 ? "" : valueFile.substring(slash + 1).replaceFirst("^/+", ""));
                shown = "$" + name + "/" + path;
            } else {
                path = inRepository(chart, valueFile);
                shown = path;
            }
            Optional<Entry> found = from.resolve(path).filter(Entry::isFile);
            if (found.isEmpty()) {
                if (options.ignoreMissingValueFiles()) {
                    continue;
                }
                throw new RenderException(Reason.NOT_FOUND, new Origin(shown, 0), "value file " + valueFile + " does not exist");
            }
            byte[] bytes = from.read(path, budget.maxFileBytes());
            budget.spend(shown, bytes.length);
            files.add(workspace.writeValues(shown, bytes));
        }
        if (!options.values().isBlank()) {
            files.add(workspace.writeValues("the application's helm.values", options.values().getBytes(StandardCharsets.UTF_8)));
        }
        if (!options.valuesObject().isEmpty()) {
            files.add(workspace.writeValues("the application's helm.valuesObject", JSON.writeValueAsBytes(options.valuesObject())));
        }
        if (!options.parameters().isEmpty()) {
            files.add(workspace.writeValues("the application's helm.parameters", JSON.writeValueAsBytes(ParameterValues.of(options.parameters()))));
        }
        return files;
    }

    /**
     * {@code file} relative to {@code chart}, as a path from the source root.
     *
     * @throws RenderException {@code PATH_OUTSIDE_ROOT} for a path that leads out of the repository,
     *     {@code INVALID_OPTIONS} for a kind of value file Capstan does not read (a URL, or a
     *     {@code $ref} path where no other source is at hand)
     */
    static String inRepository(String chart, String file) {
        if (file.contains("://") || file.startsWith("$")) {
            throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "value file " + file
                    + " is not supported: give a path relative to the chart's directory");
        }
        if (file.startsWith("/")) {
            throw new RenderException(Reason.PATH_OUTSIDE_ROOT, Origin.NONE, "value file " + file
                    + " is an absolute path; give a path relative to the chart's directory");
        }
        var segments = new ArrayList<String>();
        for (String segment : (chart + "/" + file).split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new RenderException(Reason.PATH_OUTSIDE_ROOT, Origin.NONE, "value file " + file
                            + " leads out of the repository; value files must lie inside it");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? "." : String.join("/", segments);
    }
}
