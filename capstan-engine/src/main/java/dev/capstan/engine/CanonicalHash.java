package dev.capstan.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A hash of a JSON tree that does not depend on the order of object properties: 32 hex digits of SHA-256. */
public final class CanonicalHash {

    private CanonicalHash() {
    }

    public static String of(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ManifestFormat.JSON.writeValueAsBytes(canonical(node)));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same tree with object properties sorted, so equal content hashes equally. */
    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            object.properties().forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
            ObjectNode copy = ManifestFormat.JSON.createObjectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = ManifestFormat.JSON.createArrayNode();
            array.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
