package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DocumentReader.Document;
import dev.capstan.engine.render.ManifestFiles.ManifestFile;
import dev.capstan.engine.render.ManifestFiles.Selection;
import dev.capstan.engine.render.RenderException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a directory of plain YAML and JSON manifests, as Argo CD's directory source: the files
 * in path order, the documents of each in order, lists expanded to their items. Every object is
 * checked to be a Kubernetes object and defined once; reading is capped by {@link RenderLimits}.
 * Given a {@link JsonnetEvaluator}, it also renders {@code *.jsonnet} files, each read as the JSON
 * it evaluates to, whose objects have the Jsonnet file as their origin; without one, Jsonnet files
 * are passed over. Stateless: one instance serves any number of applications at once.
 */
public final class DirectoryRenderer implements Renderer<DirectoryOptions> {

    private final RenderLimits limits;
    private final Optional<JsonnetEvaluator> jsonnet;

    public DirectoryRenderer() {
        this(RenderLimits.defaults());
    }

    public DirectoryRenderer(RenderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.jsonnet = Optional.empty();
    }

    /** A renderer that evaluates the {@code *.jsonnet} files of a directory with {@code jsonnet}. */
    public DirectoryRenderer(RenderLimits limits, JsonnetEvaluator jsonnet) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.jsonnet = Optional.of(jsonnet);
    }

    @Override
    public RenderResult render(SourceTree tree, String path, DirectoryOptions options) {
        SourcePath app = SourcePath.parse(path);
        JsonnetOptions jsonnetOptions = jsonnet.isPresent() ? options.jsonnet().checked() : options.jsonnet();
        Selection selection = ManifestFiles.select(tree, app, options, jsonnet.isPresent());
        List<Manifest> manifests = readManifests(tree, selection.files(), jsonnetOptions);
        UniqueKeys.require(manifests);
        return new RenderResult(manifests, selection.warnings());
    }

    private List<Manifest> readManifests(SourceTree tree, List<ManifestFile> files, JsonnetOptions jsonnetOptions) {
        var manifests = new ArrayList<Manifest>();
        long totalBytes = 0;
        for (ManifestFile file : files) {
            String name = file.path().toString();
            byte[] bytes = file.jsonnet()
                    ? evaluate(tree, name, jsonnetOptions, limits.maxTotalBytes() - totalBytes)
                    : tree.read(name, limits.maxFileBytes());
            totalBytes += bytes.length;
            if (totalBytes > limits.maxTotalBytes()) {
                throw new RenderException(Reason.TOO_LARGE, new Origin(name, 0), "the application's manifest files are larger than the limit of "
                        + RenderLimits.describeBytes(limits.maxTotalBytes()) + " in total");
            }
            for (Document document : DocumentReader.read(name, bytes, file.format())) {
                Document read = file.jsonnet() ? document.withoutLines() : document;
                manifests.addAll(DocumentManifests.of(name, file.format(), read));
                if (manifests.size() > limits.maxObjects()) {
                    throw new RenderException(Reason.TOO_LARGE, manifests.get(limits.maxObjects()).origin(),
                            "the application has more than " + limits.maxObjects() + " objects, the limit");
                }
            }
        }
        return manifests;
    }

    /** The JSON a Jsonnet file evaluates to, its size capped by what is left of the application's total. */
    private byte[] evaluate(SourceTree tree, String file, JsonnetOptions options, long bytesLeft) {
        RenderLimits left = limits.withMaxTotalBytes(Math.max(1, bytesLeft));
        return jsonnet.orElseThrow().evaluate(tree, file, options, left).getBytes(StandardCharsets.UTF_8);
    }
}
