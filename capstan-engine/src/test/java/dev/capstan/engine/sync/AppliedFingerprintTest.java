package dev.capstan.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.engine.Manifest;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class AppliedFingerprintTest {

    private static final Manifest DESIRED = Manifest.parse("""
            {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop},
             spec: {replicas: 2, template: {spec: {containers: [{name: web, image: "web:1"}]}}}}""");

    private static final Manifest WRITTEN = DESIRED.with(object -> ((ObjectNode) object.get("metadata")).putArray("managedFields")
            .add(entry("capstan", "Apply", "", "{\"f:spec\":{\"f:replicas\":{},\"f:template\":{}}}"))
            .add(entry("kube-controller-manager", "Update", "status", "{\"f:status\":{\"f:replicas\":{}}}")));

    @Test
    void an_object_nobody_touched_matches() {
        var fingerprint = AppliedFingerprint.of(DESIRED, WRITTEN);
        Manifest liveWithNewStatus = WRITTEN.with(object -> object.putObject("status").put("readyReplicas", 2));

        assertThat(fingerprint.matches(DESIRED, liveWithNewStatus)).isTrue();
    }

    @Test
    void a_changed_desired_manifest_does_not_match() {
        var fingerprint = AppliedFingerprint.of(DESIRED, WRITTEN);
        Manifest changed = DESIRED.with(object -> ((ObjectNode) object.get("spec")).put("replicas", 3));

        assertThat(fingerprint.matches(changed, WRITTEN)).isFalse();
    }

    @Test
    void a_field_taken_over_by_another_manager_does_not_match() {
        var fingerprint = AppliedFingerprint.of(DESIRED, WRITTEN);
        Manifest edited = WRITTEN.with(object -> {
            ArrayNode fields = (ArrayNode) object.at("/metadata/managedFields");
            fields.set(0, entry("capstan", "Apply", "", "{\"f:spec\":{\"f:template\":{}}}"));
            fields.add(entry("kubectl-edit", "Update", "", "{\"f:spec\":{\"f:replicas\":{}}}"));
        });

        assertThat(fingerprint.matches(DESIRED, edited)).isFalse();
    }

    @Test
    void property_order_does_not_change_the_hash() {
        Manifest reordered = Manifest.parse("""
                {kind: Deployment, metadata: {namespace: shop, name: web}, apiVersion: apps/v1,
                 spec: {template: {spec: {containers: [{image: "web:1", name: web}]}}, replicas: 2}}""");

        assertThat(AppliedFingerprint.of(DESIRED, WRITTEN).matches(reordered, WRITTEN)).isTrue();
    }

    @Test
    void an_object_whose_owned_fields_were_digested_matches_as_the_whole_object_does() {
        var fingerprint = AppliedFingerprint.of(DESIRED, WRITTEN);
        Manifest digested = Manifest.of(AppliedFingerprint.digestOwnedFields(WRITTEN.copyObject()));

        assertThat(digested.at("/metadata/managedFields")).hasSize(1);
        assertThat(digested.at("/metadata/managedFields/0/fieldsV1").isMissingNode()).isTrue();
        assertThat(fingerprint.matches(DESIRED, digested)).isTrue();
    }

    @Test
    void a_digest_of_fields_another_manager_took_over_does_not_match() {
        var fingerprint = AppliedFingerprint.of(DESIRED, WRITTEN);
        Manifest edited = WRITTEN.with(object -> ((ArrayNode) object.at("/metadata/managedFields"))
                .set(0, entry("capstan", "Apply", "", "{\"f:spec\":{\"f:template\":{}}}")));

        assertThat(fingerprint.matches(DESIRED, Manifest.of(AppliedFingerprint.digestOwnedFields(edited.copyObject())))).isFalse();
    }

    private static ObjectNode entry(String manager, String operation, String subresource, String fields) {
        ObjectNode entry = (ObjectNode) Manifest.parse("{fieldsV1: " + fields + "}").at("");
        entry.put("manager", manager).put("operation", operation);
        if (!subresource.isEmpty()) {
            entry.put("subresource", subresource);
        }
        return entry;
    }
}
