package dev.capstan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestFormatTest {

    @Test
    void yaml_output_reads_back_as_the_same_object_whatever_the_strings_look_like() {
        Manifest original = Manifest.parse("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "tricky"},
                 "data": {"number": "1", "float": "1.5", "octal": "0755", "bool": "true", "yes": "yes",
                          "null": "null", "tilde": "~", "empty": "", "colon": "a: b", "star": "*x", "hash": "# c",
                          "multi": "line one\\nline two\\n"},
                 "spec": {"replicas": 3, "enabled": false}}
                """);

        String yaml = original.toYaml();

        assertThat(Manifest.parse(yaml)).isEqualTo(original);
        assertThat(yaml).doesNotStartWith("---").contains("replicas: 3");
    }
}
