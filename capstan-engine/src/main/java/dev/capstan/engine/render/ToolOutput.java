package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DocumentReader.Document;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML stream a rendering tool printed ({@code kustomize build}, {@code helm template}),
 * read into manifests with the same rules as files in a directory: YAML typed as kubectl types
 * it, lists expanded, every document a Kubernetes object, each object defined once. Lines in the
 * stream mean nothing to the user, so every manifest gets the origin the caller names, and a
 * renderer that knows better gives each its own afterwards.
 */
public final class ToolOutput {

    private ToolOutput() {
    }

    /**
     * The objects in {@code output}.
     *
     * @param tool the tool's name, for errors
     * @param origin where every object is said to come from, such as the kustomization file
     * @throws RenderException {@code MALFORMED} or {@code INVALID_OBJECT} naming the tool,
     *     {@code TOO_LARGE} for more than {@code limits.maxObjects()} objects, {@code DUPLICATE}
     */
    public static List<Manifest> read(String tool, byte[] output, Origin origin, RenderLimits limits) {
        var manifests = new ArrayList<Manifest>();
        try {
            for (Document document : DocumentReader.read(tool + " output", output, DocumentFormat.YAML)) {
                for (Manifest manifest : DocumentManifests.of(tool + " output", DocumentFormat.YAML, document)) {
                    manifests.add(Manifest.of(manifest.copyObject(), origin));
                }
                if (manifests.size() > limits.maxObjects()) {
                    throw new RenderException(Reason.TOO_LARGE, origin,
                            "the application has more than " + limits.maxObjects() + " objects, the limit");
                }
            }
        } catch (RenderException e) {
            if (e.reason() == Reason.TOO_LARGE && e.origin().equals(origin)) {
                throw e;
            }
            throw new RenderException(e.reason(), origin, e.getMessage(), e);
        }
        UniqueKeys.require(manifests);
        return List.copyOf(manifests);
    }
}
