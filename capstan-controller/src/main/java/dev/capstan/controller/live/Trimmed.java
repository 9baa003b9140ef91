package dev.capstan.controller.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The copy of a live object the cache keeps: everything health checks and fingerprints read,
 * without what only costs memory. Field-manager entries other than Capstan's own apply are dropped
 * (on a busy object they are most of its size), as is kubectl's last-applied annotation; a
 * Secret's values become short hashes, so no secret stays in the controller's memory and a changed
 * value still shows as a change.
 */
final class Trimmed {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Trimmed() {
    }

    static ObjectNode trim(ObjectNode object) {
        if (object.get("metadata") instanceof ObjectNode metadata) {
            if (metadata.get("managedFields") instanceof ArrayNode managed) {
                List<JsonNode> kept = new ArrayList<>();
                for (JsonNode entry : managed) {
                    if (ApplyOptions.FIELD_MANAGER.equals(entry.path("manager").asString())
                            && "Apply".equals(entry.path("operation").asString())) {
                        kept.add(entry);
                    }
                }
                managed.removeAll();
                kept.forEach(managed::add);
            }
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
            }
        }
        if ("Secret".equals(object.path("kind").asString()) && object.path("apiVersion").asString().equals("v1")) {
            hashValues(object, "data");
            hashValues(object, "stringData");
        }
        return object;
    }

    private static void hashValues(ObjectNode object, String field) {
        if (object.get(field) instanceof ObjectNode values) {
            for (String key : List.copyOf(values.propertyNames())) {
                values.put(key, "sha256:" + sha256(values.get(key).asString()));
            }
        }
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
