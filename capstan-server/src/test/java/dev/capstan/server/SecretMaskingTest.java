package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;

import tools.jackson.databind.node.ObjectNode;

class SecretMaskingTest {

    @Test
    void values_are_masked_alike_when_equal_and_differently_when_not() {
        var masking = new SecretMasking();
        ObjectNode live = masking.mask(secret("a: c2FtZQ==\n  b: b2xk"));
        ObjectNode desired = masking.mask(secret("a: c2FtZQ==\n  b: bmV3"));

        assertThat(live.at("/data/a").asString()).isEqualTo(SecretMasking.MASK).isEqualTo(desired.at("/data/a").asString());
        assertThat(live.at("/data/b").asString()).startsWith("++++++++").isNotEqualTo(desired.at("/data/b").asString());
        assertThat(live.toString() + desired).doesNotContain("c2FtZQ", "b2xk", "bmV3");
    }

    @Test
    void string_data_and_the_last_applied_annotation_never_show() {
        ObjectNode object = Manifest.parse("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"hunter2"}}'
                stringData:
                  password: hunter2
                """).copyObject();

        ObjectNode masked = new SecretMasking().mask(object);

        assertThat(masked.toString()).doesNotContain("hunter2", "aHVudGVyMg");
        assertThat(masked.has("stringData")).isFalse();
        assertThat(masked.at("/data/password").asString()).isEqualTo(SecretMasking.MASK);
        assertThat(object.toString()).as("the original is left alone").contains("hunter2");
    }

    @Test
    void other_kinds_are_left_as_they_are() {
        ObjectNode configMap = Manifest.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: visible}\n").copyObject();
        assertThat(new SecretMasking().mask(configMap).at("/data/k").asString()).isEqualTo("visible");
        assertThat(new SecretMasking().mask(null)).isNull();
    }

    private static ObjectNode secret(String data) {
        return Manifest.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  " + data + "\n").copyObject();
    }
}
