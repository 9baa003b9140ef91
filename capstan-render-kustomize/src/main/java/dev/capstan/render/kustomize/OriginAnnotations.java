package dev.capstan.render.kustomize;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.Origin;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the annotation kustomize leaves on each object when asked ({@code buildMetadata:
 * [originAnnotations]}) into the object's {@link Origin}: the file it was read from, or the
 * kustomization whose generator made it, relative to the source root. The annotation is taken off
 * again unless the kustomization asked for it itself.
 */
final class OriginAnnotations {

    static final String ANNOTATION = "config.kubernetes.io/origin";

    private OriginAnnotations() {
    }

    /**
     * @param app the application's directory, which the annotation's paths are relative to
     * @param fallback the origin of an object whose annotation is missing or names no file in the source
     * @param keep whether to leave the annotation on the objects
     */
    static List<Manifest> apply(List<Manifest> manifests, String app, Origin fallback, boolean keep) {
        return manifests.stream().map(manifest -> {
            Origin origin = manifest.annotation(ANNOTATION).flatMap(text -> originOf(text, app)).orElse(fallback);
            ObjectNode object = manifest.copyObject();
            if (!keep) {
                remove(object);
            }
            return Manifest.of(object, origin);
        }).toList();
    }

    static Optional<Origin> originOf(String annotation, String app) {
        JsonNode fields;
        try {
            fields = ManifestFormat.YAML.readTree(annotation);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (fields == null || !fields.isObject() || fields.has("repo")) {
            return Optional.empty(); // from a remote base: no file in this source
        }
        JsonNode file = fields.has("path") ? fields.get("path") : fields.get("configuredIn");
        if (file == null || !file.isString()) {
            return Optional.empty();
        }
        return SourceCopy.join(app, file.asString()).map(path -> new Origin(path, 0));
    }

    private static void remove(ObjectNode object) {
        if (object.get("metadata") instanceof ObjectNode metadata && metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(ANNOTATION);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
    }
}
