package dev.capstan.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.KustomizeOptions.Patch;
import dev.capstan.engine.render.KustomizeOptions.Replica;
import dev.capstan.engine.render.KustomizeOptions.Target;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.localcluster.CapstanHome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Renders with the real kustomize, built into the Capstan home's cache the first time. */
class KustomizeRendererIT {

    private static Path kustomize;

    @TempDir
    Path temporary;

    @TempDir
    Path repository;

    private KustomizeRenderer renderer;

    @BeforeAll
    static void buildKustomize() {
        kustomize = KustomizeBinary.inHome(CapstanHome.fromEnvironment()).ensureBuilt();
    }

    @BeforeEach
    void createRenderer() {
        renderer = new KustomizeRenderer(kustomize, RenderLimits.defaults(), Duration.ofSeconds(60), temporary);
    }

    @Test
    void a_prebuilt_kustomize_is_used_when_it_is_the_pinned_version_and_refused_otherwise() throws Exception {
        assertThat(KustomizeBinary.prebuilt(kustomize)).isEqualTo(kustomize);

        Path impostor = temporary.resolve("kustomize");
        Files.writeString(impostor, "#!/bin/sh\necho v4.0.0\n");
        impostor.toFile().setExecutable(true);
        assertThatThrownBy(() -> KustomizeBinary.prebuilt(impostor)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CAPSTAN_KUSTOMIZE").hasMessageContaining("not kustomize " + KustomizeBinary.VERSION);
    }

    @Test
    void renders_the_dev_overlay_with_its_component_as_expected() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults());

        assertThat(objects(result)).isEqualTo(expected("dev.yaml"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void renders_the_prod_overlay_as_expected() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/prod", KustomizeOptions.defaults());

        assertThat(objects(result)).isEqualTo(expected("prod.yaml"));
    }

    @Test
    void each_object_names_the_file_it_came_from_without_an_origin_annotation() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults());

        assertThat(origin(result, "Deployment", "dev-guestbook")).isEqualTo(new Origin("guestbook/base/deployment.yaml", 0));
        assertThat(origin(result, "ConfigMap", "dev-scrape-config")).isEqualTo(new Origin("guestbook/components/monitoring/scrape-config.yaml", 0));
        assertThat(origin(result, "ConfigMap", "dev-guestbook-config-f655md8fbd")).isEqualTo(new Origin("guestbook/base/kustomization.yaml", 0));
        assertThat(result.manifests()).allSatisfy(manifest -> assertThat(manifest.annotations()).doesNotContainKey(OriginAnnotations.ANNOTATION));
    }

    @Test
    void a_name_prefix_replaces_the_overlays_and_a_suffix_is_added() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/dev",
                KustomizeOptions.defaults().withNamePrefix("pr-42-").withNameSuffix("-canary"));

        assertThat(names(result, "Deployment")).containsExactly("pr-42-guestbook-canary");
        assertThat(result.manifests()).filteredOn(m -> m.kind().equals("Deployment")).first()
                .satisfies(m -> assertThat(m.string("/spec/template/spec/containers/0/envFrom/0/configMapRef/name"))
                        .startsWith("pr-42-guestbook-config-canary-"));
    }

    @Test
    void images_are_overridden_in_each_of_their_forms() throws Exception {
        writeApp("""
                resources: [pods.yaml]
                """, """
                apiVersion: v1
                kind: Pod
                metadata: {name: a}
                spec: {containers: [{name: a, image: nginx:1.0}, {name: b, image: redis}, {name: c, image: busybox:1}]}
                """);

        RenderResult result = renderer.render(tree(), "app", KustomizeOptions.defaults().withImages(List.of(
                "nginx=registry.example.com/nginx:1.27", "redis:7.4", "busybox@sha256:" + "a".repeat(64))));

        Manifest pod = result.manifests().getFirst();
        assertThat(pod.string("/spec/containers/0/image")).isEqualTo("registry.example.com/nginx:1.27");
        assertThat(pod.string("/spec/containers/1/image")).isEqualTo("redis:7.4");
        assertThat(pod.string("/spec/containers/2/image")).isEqualTo("busybox@sha256:" + "a".repeat(64));
    }

    @Test
    void an_image_override_replaces_the_overlays_own_entry_for_that_image() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/prod",
                KustomizeOptions.defaults().withImages(List.of("registry.example.com/guestbook:2.0")));

        assertThat(result.manifests()).filteredOn(m -> m.kind().equals("Deployment")).first()
                .satisfies(m -> assertThat(m.string("/spec/template/spec/containers/0/image")).isEqualTo("registry.example.com/guestbook:2.0"));
    }

    @Test
    void replicas_are_set_by_workload_name() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/prod",
                KustomizeOptions.defaults().withReplicas(List.of(new Replica("guestbook", 5))));

        assertThat(result.manifests()).filteredOn(m -> m.kind().equals("Deployment")).first()
                .satisfies(m -> assertThat(m.at("/spec/replicas").asInt()).isEqualTo(5));
    }

    @Test
    void common_labels_and_annotations_are_added_to_every_object() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults()
                .withCommonLabels(Map.of("team", "web"))
                .withCommonAnnotations(Map.of("example.com/owner", "web-team", "example.com/port", "8080")));

        assertThat(result.manifests()).hasSize(4).allSatisfy(manifest -> {
            assertThat(manifest.labels()).containsEntry("team", "web");
            assertThat(manifest.annotations()).containsEntry("example.com/owner", "web-team").containsEntry("example.com/port", "8080");
        });
    }

    @Test
    void the_namespace_replaces_the_overlays() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults().withNamespace("preview"));

        assertThat(result.manifests()).extracting(Manifest::namespace).containsOnly("preview");
    }

    @Test
    void components_are_added_relative_to_the_application() throws Exception {
        RenderResult result = renderer.render(fixture(), "guestbook/overlays/prod",
                KustomizeOptions.defaults().withComponents(List.of("../../components/monitoring")));

        assertThat(names(result, "ConfigMap")).contains("prod-scrape-config");
    }

    @Test
    void inline_patches_apply_to_their_target() throws Exception {
        var patch = Patch.inline("""
                - op: replace
                  path: /spec/ports/0/port
                  value: 8000
                """, Target.kindAndName("Service", "guestbook"));

        RenderResult result = renderer.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults().withPatches(List.of(patch)));

        assertThat(result.manifests()).filteredOn(m -> m.kind().equals("Service")).first()
                .satisfies(m -> assertThat(m.at("/spec/ports/0/port").asInt()).isEqualTo(8000));
    }

    @Test
    void a_base_beyond_the_repository_root_is_refused_naming_it() throws Exception {
        writeApp("""
                resources: [../../outside]
                """);

        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessage("app/kustomization.yaml: '../../outside' leads outside the repository, which is not allowed");
    }

    @Test
    void a_symbolic_link_out_of_the_repository_is_refused_naming_it() throws Exception {
        writeApp("""
                resources: [deployment.yaml]
                """);
        Path outside = Files.writeString(temporary.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
        Files.createSymbolicLink(repository.resolve("app/deployment.yaml"), outside);

        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageStartingWith("app/deployment.yaml: symbolic link points outside the source root");
    }

    @Test
    void a_remote_base_is_refused_while_remote_bases_are_off() throws Exception {
        writeApp("""
                resources:
                - https://github.com/example/guestbook//base?ref=v1.0.0
                """);

        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessage("app/kustomization.yaml: 'https://github.com/example/guestbook//base?ref=v1.0.0' is a remote base, "
                        + "and remote bases are not allowed (the Kustomize renderer's allowRemoteBases is off)");
    }

    @Test
    void a_render_past_its_time_is_stopped() throws Exception {
        var impatient = new KustomizeRenderer(kustomize, RenderLimits.defaults(), Duration.ofMillis(1), temporary);

        assertThatThrownBy(() -> impatient.render(fixture(), "guestbook/overlays/prod", KustomizeOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("guestbook/overlays/prod/kustomization.yaml: kustomize build did not finish within 1ms and was stopped");
    }

    @Test
    void a_malformed_kustomization_shows_kustomizes_message_without_the_temporary_path() throws Exception {
        writeApp("""
                resources: deployment.yaml
                """);

        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOOL_FAILED))
                .hasMessageStartingWith("app/kustomization.yaml: kustomize build failed: invalid Kustomization: json: cannot unmarshal string")
                .hasMessageNotContaining(temporary.toString());
    }

    @Test
    void a_kustomization_that_is_not_yaml_shows_kustomizes_message() throws Exception {
        writeApp("""
                resources: [deployment.yaml
                """);

        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("kustomize build failed: invalid Kustomization: yaml:");
    }

    @Test
    void a_missing_file_is_named_relative_to_the_source_root() throws Exception {
        writeApp("""
                resources: [../base]
                """);
        Files.createDirectories(repository.resolve("base"));
        Files.writeString(repository.resolve("base/kustomization.yaml"), "resources: [missing.yaml]\n");

        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("missing.yaml")
                .hasMessageNotContaining(temporary.toString());
    }

    @Test
    void the_private_copy_is_deleted_after_success_and_after_failure() throws Exception {
        renderer.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults());
        writeApp("resources: deployment.yaml\n");
        assertThatThrownBy(() -> renderer.render(tree(), "app", KustomizeOptions.defaults())).isInstanceOf(RenderException.class);

        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void an_object_limit_is_enforced_on_the_output() throws Exception {
        var small = new KustomizeRenderer(kustomize, RenderLimits.defaults().withMaxObjects(2), Duration.ofSeconds(60), temporary);

        assertThatThrownBy(() -> small.render(fixture(), "guestbook/overlays/dev", KustomizeOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    private static SourceTree fixture() throws URISyntaxException {
        return new DirectorySourceTree(Path.of(KustomizeRendererIT.class.getResource("repo").toURI()));
    }

    private SourceTree tree() {
        return new DirectorySourceTree(repository);
    }

    /** Writes {@code app/kustomization.yaml} and, when given, {@code app/pods.yaml}. */
    private void writeApp(String kustomization, String... resources) throws IOException {
        Path app = Files.createDirectories(repository.resolve("app"));
        Files.writeString(app.resolve("kustomization.yaml"), kustomization);
        for (String resource : resources) {
            Files.writeString(app.resolve("pods.yaml"), resource);
        }
    }

    private static List<JsonNode> objects(RenderResult result) {
        return result.manifests().stream().map(m -> (JsonNode) m.copyObject()).toList();
    }

    private static List<JsonNode> expected(String name) throws Exception {
        String text = Files.readString(Path.of(KustomizeRendererIT.class.getResource("expected/" + name).toURI()));
        return Stream.of(text.split("(?m)^---$")).map(document -> ManifestFormat.YAML.readTree(document)).toList();
    }

    private static Origin origin(RenderResult result, String kind, String name) {
        return result.manifests().stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst().orElseThrow().origin();
    }

    private static List<String> names(RenderResult result, String kind) {
        return result.manifests().stream().filter(m -> m.kind().equals(kind)).map(Manifest::name).toList();
    }
}
