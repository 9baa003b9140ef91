package dev.capstan.controller.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.sync.AppliedFingerprint;

import tools.jackson.databind.node.ObjectNode;

class TrimmedTest {

    private static final String CONFIG_MAP = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"n",
             "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}","keep":"me"},
             "managedFields":[{"manager":"capstan","operation":"Apply","fieldsV1":{"f:data":{"f:a":{}}}},
                              {"manager":"kubectl","operation":"Update","fieldsV1":{"f:data":{}}},
                              {"manager":"capstan","operation":"Update","fieldsV1":{}}]},
             "data":{"a":"1"}}""";

    @Test
    void keeps_the_hash_of_capstans_own_fields_and_drops_last_applied_and_values() {
        Manifest trimmed = Manifest.of(Trimmed.trim((ObjectNode) ManifestFormat.JSON.readTree(CONFIG_MAP)));

        assertThat(trimmed.at("/metadata/managedFields")).hasSize(1);
        assertThat(trimmed.string("/metadata/managedFields/0/manager")).isEqualTo("capstan");
        assertThat(trimmed.at("/metadata/managedFields/0/fieldsV1").isMissingNode()).isTrue();
        assertThat(trimmed.annotations()).containsOnlyKeys("keep");
        assertThat(trimmed.at("/data").isMissingNode()).isTrue();
    }

    @Test
    void the_trimmed_copy_keeps_the_fingerprint_of_the_whole_object() {
        Manifest whole = Manifest.parse(CONFIG_MAP);
        Manifest desired = Manifest.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"n"},"data":{"a":"1"}}""");
        var fingerprint = AppliedFingerprint.of(desired, whole);

        assertThat(fingerprint.matches(desired, Manifest.of(Trimmed.trim(whole.copyObject())))).isTrue();
    }

    @Test
    void keeps_no_secret_value() {
        Manifest trimmed = Manifest.of(Trimmed.trim((ObjectNode) ManifestFormat.JSON.readTree("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"n"},
                 "data":{"password":"aHVudGVyMg=="},"stringData":{"token":"swordfish"},"type":"Opaque"}""")));

        assertThat(trimmed.toJson()).doesNotContain("aHVudGVyMg==").doesNotContain("swordfish");
        assertThat(trimmed.string("/type")).isEqualTo("Opaque");
    }
}
