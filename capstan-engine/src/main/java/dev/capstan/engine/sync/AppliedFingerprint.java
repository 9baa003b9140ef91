package dev.capstan.engine.sync;

import dev.capstan.engine.CanonicalHash;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;

import tools.jackson.databind.JsonNode;

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
        return desired.contentHash();
    }

    static String fieldsHash(Manifest live) {
        var owned = ManifestFormat.JSON.createArrayNode();
        for (JsonNode entry : live.at("/metadata/managedFields")) {
            if (ApplyOptions.FIELD_MANAGER.equals(entry.path("manager").asString())
                    && "Apply".equals(entry.path("operation").asString())
                    && entry.path("subresource").asString("").isEmpty()) {
                owned.add(entry.path("fieldsV1"));
            }
        }
        return CanonicalHash.of(owned);
    }
}
