package dev.capstan.engine.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Capstan applied to one object, remembered so that an unchanged object need not be applied
 * again: a hash of the desired manifest, and a hash of the fields the {@code capstan} field
 * manager owned right after the apply. The object is unchanged when the desired manifest hashes
 * the same and Capstan still owns exactly those fields: a write by anyone else to one of them
 * moves its ownership away (server-side apply's field management), and writes by controllers to
 * other fields or to the status do not matter. Costs no request: the live object comes from a
 * list or a watch.
 */
public record AppliedFingerprint(String desiredHash, String fieldsHash) {

    /** The fingerprint of applying {@code desired}, given the object the server returned. */
    public static AppliedFingerprint of(Manifest desired, Manifest written) {
        return new AppliedFingerprint(desiredHash(desired), fieldsHash(written));
    }

    /** Whether applying {@code desired} to {@code live} again would change nothing. */
    public boolean matches(Manifest desired, Manifest live) {
        return desiredHash.equals(desiredHash(desired)) && fieldsHash.equals(fieldsHash(live));
    }

    static String desiredHash(Manifest desired) {
        return hash(canonical(desired.at("")));
    }

    static String fieldsHash(Manifest live) {
        var owned = ManifestFormat.JSON.createArrayNode();
        for (JsonNode entry : live.at("/metadata/managedFields")) {
            if (ApplyOptions.FIELD_MANAGER.equals(entry.path("manager").asString())
                    && "Apply".equals(entry.path("operation").asString())
                    && entry.path("subresource").asString("").isEmpty()) {
                owned.add(canonical(entry.path("fieldsV1")));
            }
        }
        return hash(owned);
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

    private static String hash(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ManifestFormat.JSON.writeValueAsBytes(node));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
