package dev.capstan.engine.sync;

import dev.capstan.engine.CanonicalHash;
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

    /** Where {@link #digestOwnedFields} puts the hash, in place of {@code fieldsV1}. */
    private static final String FIELDS_HASH = "capstan.dev/fieldsHash";

    /** The fingerprint of applying {@code desired}, given the object the server returned. */
    public static AppliedFingerprint of(Manifest desired, Manifest written) {
        return new AppliedFingerprint(desiredHash(desired), fieldsHash(written));
    }

    /** Whether applying {@code desired} to {@code live} again would change nothing. */
    public boolean matches(Manifest desired, Manifest live) {
        return desiredHash.equals(desiredHash(desired)) && fieldsHash.equals(fieldsHash(live));
    }

    static String desiredHash(Manifest desired) {
        return desired.contentHash();
    }

    static String fieldsHash(Manifest live) {
        var owned = ManifestFormat.JSON.createArrayNode();
        String digested = null;
        for (JsonNode entry : live.at("/metadata/managedFields")) {
            if (isCapstansApply(entry)) {
                if (entry.get(FIELDS_HASH) instanceof JsonNode hash && hash.isString()) {
                    digested = hash.asString();
                }
                owned.add(entry.path("fieldsV1"));
            }
        }
        return digested != null && owned.size() == 1 ? digested : CanonicalHash.of(owned);
    }

    /**
     * Replaces, in {@code object}, the fields Capstan's apply owns ({@code fieldsV1}, a tree with one
     * node per field) by their hash, which {@link #matches} reads as it would the tree: a cache can
     * keep the object's fingerprint without the tree, often the largest part of a small object.
     * Other managers' entries are dropped.
     */
    public static ObjectNode digestOwnedFields(ObjectNode object) {
        if (object.get("metadata") instanceof ObjectNode metadata && metadata.get("managedFields") instanceof ArrayNode managed) {
            var owned = ManifestFormat.JSON.createArrayNode();
            for (JsonNode entry : managed) {
                if (isCapstansApply(entry)) {
                    owned.add(entry.path("fieldsV1"));
                }
            }
            managed.removeAll();
            if (!owned.isEmpty()) {
                ObjectNode digest = managed.addObject();
                digest.put("manager", ApplyOptions.FIELD_MANAGER);
                digest.put("operation", "Apply");
                digest.put(FIELDS_HASH, CanonicalHash.of(owned));
            }
        }
        return object;
    }

    private static boolean isCapstansApply(JsonNode entry) {
        return ApplyOptions.FIELD_MANAGER.equals(entry.path("manager").asString())
                && "Apply".equals(entry.path("operation").asString())
                && entry.path("subresource").asString("").isEmpty();
    }
}
