package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.ToolOutput;

class MergedSourcesTest {

    @Test
    void keeps_every_sources_objects_in_the_order_of_the_sources() {
        List<Manifest> merged = MergedSources.merge(List.of(
                new MergedSources.Part("spec.sources[0]", configMaps("a.yaml", "one", "two")),
                new MergedSources.Part("spec.sources[1]", configMaps("b.yaml", "three"))));

        assertThat(merged).extracting(Manifest::name).containsExactly("one", "two", "three");
    }

    @Test
    void an_object_two_sources_define_is_refused_naming_both_sources_and_files() {
        assertThatThrownBy(() -> MergedSources.merge(List.of(
                new MergedSources.Part("spec.sources[0] (https://git.example.com/a.git, path app)", configMaps("a.yaml", "one")),
                new MergedSources.Part("spec.sources[2] (https://git.example.com/b.git, path other)", configMaps("b.yaml", "two", "one")))))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(RenderException.Reason.DUPLICATE))
                .hasMessageContaining("ConfigMap/apps/one is defined by two sources: spec.sources[0] (https://git.example.com/a.git, path app) at a.yaml:")
                .hasMessageContaining("and spec.sources[2] (https://git.example.com/b.git, path other) at b.yaml:");
    }

    private static List<Manifest> configMaps(String file, String... names) {
        var yaml = new StringBuilder();
        for (String name : names) {
            yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name).append(", namespace: apps}\n");
        }
        return ToolOutput.read(file, yaml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
