package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects in YAML text that a rendering tool printed (Helm, Kustomize), read exactly as a
 * manifest file of a directory source is: the same typing of scalars, the same checks that each
 * document is a Kubernetes object, the same errors naming the file and line. For renderers that
 * live in their own modules.
 */
public final class ToolOutput {

    private ToolOutput() {
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
