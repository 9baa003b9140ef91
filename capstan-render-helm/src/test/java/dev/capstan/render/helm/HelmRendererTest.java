package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.HelmOptions.Parameter;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.ToolOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmRendererTest {

    private static final SourceTree REPO = new DirectorySourceTree(Path.of("src/test/resources/repo"));

    @TempDir
    Path cache;

    private HelmRenderer renderer() {
        return new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults(), new ChartRepository(cache));
    }

    private static HelmOptions production() {
        return HelmOptions.defaults("demo")
                .withNamespace("apps")
                .withKubeVersion("1.31.0")
                .withValueFiles(List.of("values-prod.yaml"))
                .withValues("image:\n  tag: \"2.1\"\nport: 7070\n")
                .withValuesObject(Map.of("port", 9090, "replicas", 4))
                .withParameters(List.of(new Parameter("replicas", "5", false), new Parameter("image.tag", "2.2", true)));
    }

    @Test
    void renders_a_chart_in_git_with_layered_values_its_crds_and_its_hooks_as_sync_hooks() throws IOException {
        RenderResult result = renderer().render(REPO, "charts/web", production());

        List<Manifest> expected = ToolOutput.read("expected/web.yaml", Files.readAllBytes(Path.of("src/test/resources/expected/web.yaml")));
        assertThat(result.manifests()).extracting(Manifest::copyObject).containsExactlyElementsOf(expected.stream().map(Manifest::copyObject).toList());
        assertThat(result.manifests()).extracting(m -> m.origin().toString()).containsExactly(
                "charts/web/crds/widgets.yaml:1",
                "charts/web/charts/cache/templates/configmap.yaml",
                "charts/web/templates/configmap.yaml",
                "charts/web/templates/configmap.yaml",
                "charts/web/templates/deployment.yaml",
                "charts/web/templates/migrate-job.yaml");
        assertThat(result.warnings()).singleElement().hasToString(
                "charts/web/templates/tests/test-connection.yaml: Pod/demo-test-connection is a Helm test hook, which has no place in a sync; it is not applied");
    }

    @Test
    void leaves_out_the_crds_when_asked() {
        RenderResult result = renderer().render(REPO, "charts/web", production().withSkipCrds(true));

        assertThat(result.manifests()).extracting(Manifest::kind).doesNotContain("CustomResourceDefinition").contains("Deployment");
    }

    @Test
    void reads_value_files_elsewhere_in_the_repository() {
        RenderResult result = renderer().render(REPO, "charts/web", HelmOptions.defaults("demo").withValueFiles(List.of("../../shared/labels.yaml")));

        assertThat(configMap(result, "demo-config").at("/data/greeting").asString()).isEqualTo("hello from shared");
    }

    @Test
    void a_missing_value_file_is_an_error_naming_it() {
        assertThatThrownBy(() -> renderer().render(REPO, "charts/web", HelmOptions.defaults("demo").withValueFiles(List.of("values-staging.yaml"))))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("charts/web/values-staging.yaml: value file values-staging.yaml does not exist");
    }

    @Test
    void reads_ref_value_files_from_the_source_of_that_name_in_their_order() {
        SourceTree team = new DirectorySourceTree(Path.of("src/test/resources/repo/shared"));
        RenderResult result = renderer().render(REPO, "charts/web", HelmOptions.defaults("demo")
                .withValueFiles(List.of("values-prod.yaml", "$team/labels.yaml")), Map.of("team", team));

        assertThat(configMap(result, "demo-config").at("/data/greeting").asString()).isEqualTo("hello from shared");
    }

    @Test
    void a_ref_value_file_naming_no_source_is_an_error_naming_it() {
        assertThatThrownBy(() -> renderer().render(REPO, "charts/web", HelmOptions.defaults("demo").withValueFiles(List.of("$values/prod.yaml"))))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessage("value file $values/prod.yaml names the source $values, but no source of the application has ref: values");
    }

    @Test
    void a_missing_ref_value_file_is_an_error_naming_the_source_and_file() {
        SourceTree team = new DirectorySourceTree(Path.of("src/test/resources/repo/shared"));
        assertThatThrownBy(() -> renderer().render(REPO, "charts/web", HelmOptions.defaults("demo")
                .withValueFiles(List.of("$team/envs/prod.yaml")), Map.of("team", team)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("$team/envs/prod.yaml: value file $team/envs/prod.yaml does not exist");
    }

    @Test
    void a_ref_value_file_cannot_leave_its_source() {
        SourceTree team = new DirectorySourceTree(Path.of("src/test/resources/repo/shared"));
        assertThatThrownBy(() -> renderer().render(REPO, "charts/web", HelmOptions.defaults("demo")
                .withValueFiles(List.of("$team/../charts/web/values.yaml")), Map.of("team", team)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT));
    }

    @Test
    void a_missing_value_file_is_skipped_when_asked() {
        RenderResult result = renderer().render(REPO, "charts/web",
                HelmOptions.defaults("demo").withValueFiles(List.of("values-staging.yaml")).withIgnoreMissingValueFiles(true));

        assertThat(configMap(result, "demo-config").at("/data/greeting").asString()).isEqualTo("hello");
    }

    @Test
    void a_value_file_outside_the_repository_is_refused() {
        assertThatThrownBy(() -> renderer().render(REPO, "charts/web", HelmOptions.defaults("demo").withValueFiles(List.of("../../../secrets.yaml"))))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageContaining("../../../secrets.yaml leads out of the repository");
    }

    @Test
    void a_path_without_a_chart_is_an_error_naming_it() {
        assertThatThrownBy(() -> renderer().render(REPO, "shared", HelmOptions.defaults("demo")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("shared: no Chart.yaml here; a Helm source's path is its chart's directory");
    }

    @Test
    void a_template_that_fails_is_an_error_naming_the_template_and_line() {
        assertThatThrownBy(() -> renderer().render(REPO, "charts/broken", HelmOptions.defaults("demo")))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.origin().toString()).isEqualTo("charts/broken/templates/needs-value.yaml:6");
                })
                .hasMessageNotContaining("/tmp/");
    }

    @Test
    void a_values_string_that_is_not_yaml_is_an_error_naming_it() {
        assertThatThrownBy(() -> renderer().render(REPO, "charts/web", HelmOptions.defaults("demo").withValues("image: [unclosed")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("helm.values")
                .hasMessageNotContaining("/tmp/");
    }

    @Test
    void a_render_that_takes_too_long_is_given_up() {
        var impatient = new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults().withTimeout(Duration.ofMillis(200)), new ChartRepository(cache));

        assertThatThrownBy(() -> impatient.render(REPO, "charts/slow", HelmOptions.defaults("demo")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("Helm took longer than the limit");
    }

    @Test
    void output_over_the_limit_is_refused() {
        var small = new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults().withMaxOutputBytes(200), new ChartRepository(cache));

        assertThatThrownBy(() -> small.render(REPO, "charts/web", HelmOptions.defaults("demo")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("charts/web: Helm rendered more than the limit of 200 bytes");
    }

    @Test
    void a_chart_larger_than_the_read_limit_is_refused() {
        var small = new HelmRenderer(RenderLimits.defaults().withMaxTotalBytes(500), HelmLimits.defaults(), new ChartRepository(cache));

        assertThatThrownBy(() -> small.render(REPO, "charts/web", HelmOptions.defaults("demo")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void renders_many_applications_at_once() throws Exception {
        HelmRenderer renderer = renderer();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var renders = new ArrayList<Future<RenderResult>>();
            for (int i = 0; i < 8; i++) {
                String release = "app" + i;
                renders.add(pool.submit(() -> renderer.render(REPO, "charts/web", HelmOptions.defaults(release))));
            }
            for (int i = 0; i < renders.size(); i++) {
                assertThat(configMap(renders.get(i).get(), "app" + i + "-config").at("/data/greeting").asString()).isEqualTo("hello");
            }
        }
    }

    private static Manifest configMap(RenderResult result, String name) {
        return result.manifests().stream().filter(m -> m.kind().equals("ConfigMap") && m.name().equals(name)).findFirst().orElseThrow();
    }
}
