package dev.capstan.controller.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;

import tools.jackson.databind.node.ObjectNode;

class TrimmedTest {

    @Test
    void keeps_only_capstans_own_field_manager_entry_and_drops_last_applied() {
        ObjectNode object = (ObjectNode) ManifestFormat.JSON.readTree("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"n",
                 "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}","keep":"me"},
                 "managedFields":[{"manager":"capstan","operation":"Apply","fieldsV1":{"f:data":{}}},
                                  {"manager":"kubectl","operation":"Update","fieldsV1":{"f:data":{}}},
                                  {"manager":"capstan","operation":"Update","fieldsV1":{}}]},
                 "data":{"a":"1"}}""");
        Manifest trimmed = Manifest.of(Trimmed.trim(object));
        assertThat(trimmed.at("/metadata/managedFields")).hasSize(1);
        assertThat(trimmed.string("/metadata/managedFields/0/manager")).isEqualTo("capstan");
        assertThat(trimmed.annotations()).containsOnlyKeys("keep");
        assertThat(trimmed.string("/data/a")).isEqualTo("1");
    }

    @Test
    void keeps_no_secret_value_but_a_changed_value_still_differs() {
        String secret = """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"n"},"data":{"password":"%s"}}""";
        Manifest one = Manifest.of(Trimmed.trim((ObjectNode) ManifestFormat.JSON.readTree(secret.formatted("aHVudGVyMg=="))));
        Manifest two = Manifest.of(Trimmed.trim((ObjectNode) ManifestFormat.JSON.readTree(secret.formatted("c3dvcmRmaXNo"))));
        assertThat(one.toJson()).doesNotContain("aHVudGVyMg==");
        assertThat(one.string("/data/password")).startsWith("sha256:");
        assertThat(one.string("/data/password")).isNotEqualTo(two.string("/data/password"));
    }
}
