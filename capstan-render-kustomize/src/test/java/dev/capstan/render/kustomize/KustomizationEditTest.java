package dev.capstan.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.KustomizeOptions.Patch;
import dev.capstan.engine.render.KustomizeOptions.Replica;
import dev.capstan.engine.render.KustomizeOptions.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizationEditTest {

    @Test
    void leaves_every_scalar_as_it_was_written() {
        String written = """
                resources:
                - ../base
                images:
                - name: app
                  newTag: 1.10
                replicas:
                - name: app
                  count: 0755
                labels:
                - pairs: {enabled: yes}
                """;

        assertThat(edited(written, KustomizeOptions.defaults())).isEqualTo(written + """
                buildMetadata:
                - "originAnnotations"
                """);
    }

    @Test
    void replaces_prefix_suffix_and_namespace_and_entries_of_the_same_name() {
        String written = """
                namePrefix: old-
                namespace: old
                images:
                - name: app
                  newTag: "1.0"
                - name: sidecar
                  newTag: "2.0"
                replicas:
                - name: app
                  count: 1
                """;
        var options = KustomizeOptions.defaults().withNamePrefix("new-").withNameSuffix("-x").withNamespace("new")
                .withImages(List.of("app=mirror/app:1.1")).withReplicas(List.of(new Replica("app", 3), new Replica("worker", 2)));

        assertThat(edited(written, options)).isEqualTo("""
                namePrefix: "new-"
                namespace: "new"
                images:
                - name: "app"
                  newName: "mirror/app"
                  newTag: "1.1"
                - name: sidecar
                  newTag: "2.0"
                replicas:
                - name: "app"
                  count: 3
                - name: "worker"
                  count: 2
                nameSuffix: "-x"
                buildMetadata:
                - "originAnnotations"
                """);
    }

    @Test
    void adds_labels_annotations_components_and_patches_after_those_written() {
        String written = """
                commonLabels:
                  team: a
                  tier: web
                components:
                - ../components/a
                buildMetadata: [originAnnotations]
                """;
        var options = KustomizeOptions.defaults()
                .withCommonLabels(Map.of("team", "b"))
                .withCommonAnnotations(Map.of("example.com/port", "8080"))
                .withComponents(List.of("../components/a", "../components/b"))
                .withPatches(List.of(Patch.inline("- op: remove\n  path: /spec/replicas\n", new Target("apps", "v1", "Deployment", "", "", "tier=web", ""))));

        assertThat(edited(written, options)).isEqualTo("""
                commonLabels:
                  tier: web
                  team: "b"
                components:
                - ../components/a
                - "../components/b"
                buildMetadata: [originAnnotations]
                commonAnnotations:
                  example.com/port: "8080"
                patches:
                - patch: |
                    - op: remove
                      path: /spec/replicas
                  target:
                    group: "apps"
                    version: "v1"
                    kind: "Deployment"
                    labelSelector: "tier=web"
                """);
    }

    @Test
    void knows_when_the_kustomization_asked_for_origin_annotations_itself() {
        var asked = new KustomizationEdit(KustomizeOptions.defaults());
        asked.accept(Kustomization.parse("buildMetadata: [originAnnotations]\n".getBytes(StandardCharsets.UTF_8)).orElseThrow());
        var notAsked = new KustomizationEdit(KustomizeOptions.defaults());
        notAsked.accept(Kustomization.parse("resources: []\n".getBytes(StandardCharsets.UTF_8)).orElseThrow());

        assertThat(asked.ownOrigins()).isTrue();
        assertThat(notAsked.ownOrigins()).isFalse();
    }

    @Test
    void lists_the_paths_a_kustomization_loads_but_not_inline_configurations() {
        var kustomization = Kustomization.parse("""
                resources: [a.yaml, ../base]
                bases: [../old]
                components: [../c]
                transformers:
                - |
                  apiVersion: builtin
                  kind: PrefixTransformer
                - t.yaml
                """.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(kustomization.loadedPaths()).containsExactly("a.yaml", "../base", "../old", "../c", "t.yaml");
    }

    @Test
    void a_file_that_is_not_one_mapping_is_not_read() {
        assertThat(Kustomization.parse("resources: [a\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Kustomization.parse("- a\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Kustomization.parse(new byte[0])).isEmpty();
    }

    private static String edited(String written, KustomizeOptions options) {
        Kustomization kustomization = Kustomization.parse(written.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        new KustomizationEdit(options).accept(kustomization);
        return kustomization.write();
    }
}
