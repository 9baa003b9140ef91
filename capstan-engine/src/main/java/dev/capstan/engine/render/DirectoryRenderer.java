package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DocumentReader.Document;
import dev.capstan.engine.render.ManifestFiles.ManifestFile;
import dev.capstan.engine.render.ManifestFiles.Selection;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a directory of plain YAML and JSON manifests, as Argo CD's directory source: the files
 * in path order, the documents of each in order, lists expanded to their items. Every object is
 * checked to be a Kubernetes object and defined once; reading is capped by {@link RenderLimits}.
 * Stateless: one instance serves any number of applications at once.
 */
public final class DirectoryRenderer implements Renderer<DirectoryOptions> {

    private final RenderLimits limits;

    public DirectoryRenderer() {
        this(RenderLimits.defaults());
    }

    public DirectoryRenderer(RenderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public RenderResult render(SourceTree tree, String path, DirectoryOptions options) {
        SourcePath app = SourcePath.parse(path);
        Selection selection = ManifestFiles.select(tree, app, options);
        List<Manifest> manifests = readManifests(tree, selection.files());
        UniqueKeys.require(manifests);
        return new RenderResult(manifests, selection.warnings());
    }

    private List<Manifest> readManifests(SourceTree tree, List<ManifestFile> files) {
        var manifests = new ArrayList<Manifest>();
        long totalBytes = 0;
        for (ManifestFile file : files) {
            String name = file.path().toString();
            byte[] bytes = tree.read(name, limits.maxFileBytes());
            totalBytes += bytes.length;
            if (totalBytes > limits.maxTotalBytes()) {
                throw new RenderException(Reason.TOO_LARGE, new Origin(name, 0), "the application's manifest files are larger than the limit of "
                        + RenderLimits.describeBytes(limits.maxTotalBytes()) + " in total");
            }
            for (Document document : DocumentReader.read(name, bytes, file.format())) {
                manifests.addAll(DocumentManifests.of(name, file.format(), document));
                if (manifests.size() > limits.maxObjects()) {
                    throw new RenderException(Reason.TOO_LARGE, manifests.get(limits.maxObjects()).origin(),
                            "the application has more than " + limits.maxObjects() + " objects, the limit");
                }
            }
        }
        return manifests;
    }
}
