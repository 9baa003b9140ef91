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
 * it, lists expanded, every document a Kubernetes object, each object defined once. Either lines
 * in the stream mean nothing to the user, and every manifest gets the origin the caller names
 * ({@link #read(String, byte[], Origin, RenderLimits)}), or the caller cut the stream into the
 * files it came from and reads each as that file ({@link #read(String, byte[])}).
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

    /**
     * The objects in {@code yaml}, each with an origin in {@code file} at the line its document starts on.
     *
     * @param file the name errors and origins give, relative to the source root
     * @throws RenderException {@code MALFORMED} or {@code INVALID_OBJECT} naming the file and line
     */
    public static List<Manifest> read(String file, byte[] yaml) {
        var manifests = new ArrayList<Manifest>();
        for (DocumentReader.Document document : DocumentReader.read(file, yaml, DocumentFormat.YAML)) {
            manifests.addAll(DocumentManifests.of(file, DocumentFormat.YAML, document));
        }
        return manifests;
    }

    /**
     * Requires each object (group, kind, namespace, name) to be defined once.
     *
     * @throws RenderException {@code DUPLICATE} naming the object and both places it is defined
     */
    public static void requireUnique(List<Manifest> manifests) {
        UniqueKeys.require(manifests);
    }
}
