package dev.capstan.engine.diff;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes from an object what the server maintains and a source never says: status, the
 * bookkeeping fields of metadata (uid, resourceVersion, generation, timestamps, managedFields)
 * and the last-applied annotation of client-side apply. What is left is what a diff should show.
 */
final class Normalizer {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final List<String> SERVER_METADATA = List.of(
            "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink");

    private Normalizer() {
    }

    /** Normalises {@code object} in place. */
    static void normalize(ObjectNode object) {
        object.remove("status");
        JsonNode metadata = object.get("metadata");
        if (!(metadata instanceof ObjectNode meta)) {
            return;
        }
        SERVER_METADATA.forEach(meta::remove);
        if (meta.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LAST_APPLIED);
            if (annotations.isEmpty()) {
                meta.remove("annotations");
            }
        }
        if (meta.get("labels") instanceof ObjectNode labels && labels.isEmpty()) {
            meta.remove("labels");
        }
    }
}
