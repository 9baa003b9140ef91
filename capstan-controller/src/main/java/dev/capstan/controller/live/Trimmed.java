package dev.capstan.controller.live;

import java.util.List;

import dev.capstan.engine.sync.AppliedFingerprint;

import tools.jackson.databind.node.ObjectNode;

/**
 * The copy of a live object the cache keeps: what health checks, sync planning and fingerprints
 * read, without what only costs memory. Field-manager entries are reduced to the hash of the fields
 * Capstan's apply owns ({@link AppliedFingerprint#digestOwnedFields}); kubectl's last-applied
 * annotation is dropped; so are the values of ConfigMaps and Secrets ({@code data},
 * {@code binaryData}, {@code stringData}): nothing judges their health or plans a sync by them, a
 * changed value still arrives as a new resource version, and no secret stays in the controller's
 * memory. Whoever needs the whole object (a diff, a view of the live manifest) reads it from the API
 * server.
 */
final class Trimmed {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final List<String> VALUES = List.of("data", "binaryData", "stringData");

    private Trimmed() {
    }

    static ObjectNode trim(ObjectNode object) {
        AppliedFingerprint.digestOwnedFields(object);
        if (object.get("metadata") instanceof ObjectNode metadata && metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LAST_APPLIED);
        }
        String kind = object.path("kind").asString();
        if (object.path("apiVersion").asString().equals("v1") && (kind.equals("ConfigMap") || kind.equals("Secret"))) {
            object.remove(VALUES);
        }
        return object;
    }
}
