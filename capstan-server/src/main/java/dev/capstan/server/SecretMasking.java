package dev.capstan.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hides the values of Secrets in what the API shows. Each value becomes a run of {@code +}: the
 * first distinct value {@value #MASK}, the next one {@code +} longer, and so on, the same value
 * always the same mask within one use of this object. Masking the states of one resource with
 * one instance therefore keeps equal what was equal and different what was different, so a
 * diff still says which keys changed and nothing of what they hold. {@code stringData} is moved
 * into {@code data} (encoded) first, as the API server stores it, and kubectl's last-applied
 * annotation, which holds the values too, is masked whole.
 */
final class SecretMasking {

    static final String MASK = "++++++++";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final Map<String, String> masks = new HashMap<>();

    static boolean isSecret(JsonNode object) {
        return object != null && "v1".equals(object.path("apiVersion").asString("")) && "Secret".equals(object.path("kind").asString(""));
    }

    /** A masked copy of {@code object} when it is a Secret; other objects as they are (not copied). Null stays null. */
    ObjectNode mask(ObjectNode object) {
        if (object == null || !isSecret(object)) {
            return object;
        }
        ObjectNode masked = object.deepCopy();
        if (masked.get("stringData") instanceof ObjectNode stringData) {
            ObjectNode data = masked.get("data") instanceof ObjectNode existing ? existing : masked.putObject("data");
            for (var entry : stringData.properties()) {
                data.put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue().asString("").getBytes(StandardCharsets.UTF_8)));
            }
            masked.remove("stringData");
        }
        if (masked.get("data") instanceof ObjectNode data) {
            for (var entry : data.properties()) {
                data.put(entry.getKey(), maskOf(entry.getValue().asString("")));
            }
        }
        if (masked.path("metadata").path("annotations") instanceof ObjectNode annotations && annotations.has(LAST_APPLIED)) {
            annotations.put(LAST_APPLIED, MASK);
        }
        return masked;
    }

    private String maskOf(String value) {
        return masks.computeIfAbsent(value, ignored -> "+".repeat(MASK.length() + masks.size()));
    }
}
