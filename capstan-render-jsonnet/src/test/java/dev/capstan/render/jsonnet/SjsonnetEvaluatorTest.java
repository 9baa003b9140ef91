package dev.capstan.render.jsonnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.JsonnetOptions;
import dev.capstan.engine.render.JsonnetOptions.Variable;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Jsonnet directories of src/test/resources/repo, rendered through the engine's DirectoryRenderer. */
class SjsonnetEvaluatorTest {

    private static final Path RESOURCES = resources();
    private static final SourceTree TREE = new DirectorySourceTree(RESOURCES.resolve("repo"));

    private static final JsonnetOptions GUESTBOOK = JsonnetOptions.none()
            .withExtVars(List.of(Variable.string("env", "prod"), Variable.code("replicas", "1 + 2")))
            .withTlas(List.of(Variable.string("tier", "frontend")))
            .withLibs(List.of("./lib/"));

    private final DirectoryRenderer renderer = new DirectoryRenderer(RenderLimits.defaults(), SjsonnetEvaluator.defaults());

    @Test
    void renders_a_jsonnet_file_with_ext_vars_a_tla_a_library_and_relative_imports() throws IOException {
        RenderResult result = renderer.render(TREE, "apps/guestbook", DirectoryOptions.defaults().withJsonnet(GUESTBOOK));

        assertThat(result.manifests()).map(SjsonnetEvaluatorTest::json).containsExactlyElementsOf(expected("guestbook.yaml"));
        assertThat(result.manifests()).map(Manifest::origin).containsExactly(
                new Origin("apps/guestbook/main.jsonnet", 0), new Origin("apps/guestbook/main.jsonnet", 0),
                new Origin("apps/guestbook/main.jsonnet", 0), new Origin("apps/guestbook/plain.yaml", 1));
    }

    @Test
    void expands_a_list_kind_into_its_items() {
        RenderResult result = renderer.render(TREE, "apps/list", DirectoryOptions.defaults());

        assertThat(result.manifests()).map(m -> m.kind() + "/" + m.name() + " " + m.string("/data/index") + " @ " + m.origin())
                .containsExactly("ConfigMap/cm-1 1 @ apps/list/list.jsonnet", "ConfigMap/cm-2 2 @ apps/list/list.jsonnet");
    }

    @Test
    void parses_yaml_read_with_importstr() {
        RenderResult result = renderer.render(TREE, "apps/yaml", DirectoryOptions.defaults());

        assertThat(result.manifests()).map(m -> m.name() + " " + m.string("/data/mode") + " " + m.label("parsed").orElseThrow())
                .containsExactly("from-yaml 0755 yes");
    }

    @Test
    void reports_a_syntax_error_with_the_file_and_line() {
        assertThatThrownBy(() -> renderer.render(TREE, "apps/broken", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.origin()).isEqualTo(new Origin("apps/broken/syntax.jsonnet", 4));
                })
                .hasMessageStartingWith("apps/broken/syntax.jsonnet:4: malformed Jsonnet at column 3: ");
    }

    @Test
    void reports_a_runtime_error_where_it_is_raised_in_a_library() {
        var options = DirectoryOptions.defaults().withJsonnet(JsonnetOptions.none().withLibs(List.of("lib")));

        assertThatThrownBy(() -> renderer.render(TREE, "apps/failing", options))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.origin()).isEqualTo(new Origin("lib/fail.libsonnet", 3));
                })
                .hasMessageStartingWith("lib/fail.libsonnet:3: Jsonnet error")
                .hasMessageContaining("too many replicas: 20");
    }

    @Test
    void refuses_an_import_that_leads_out_of_the_repository() {
        assertThatThrownBy(() -> renderer.render(TREE, "escape", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT);
                    assertThat(e.origin()).isEqualTo(new Origin("escape/escape.jsonnet", 1));
                })
                .hasMessageContaining("'../../etc/passwd' leads out of the repository")
                .hasMessageNotContaining("root:");
    }

    @Test
    void refuses_an_absolute_import() {
        assertThatThrownBy(() -> renderer.render(TREE, "apps/absolute", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageContaining("'/etc/passwd'");
    }

    @Test
    void names_an_import_found_neither_next_to_the_file_nor_in_the_libraries() {
        var options = DirectoryOptions.defaults().withJsonnet(GUESTBOOK.withLibs(List.of()));

        assertThatThrownBy(() -> renderer.render(TREE, "apps/guestbook", options))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.origin()).isEqualTo(new Origin("apps/guestbook/main.jsonnet", 1));
                })
                .hasMessageContaining("import 'x.libsonnet' is neither in apps/guestbook");
    }

    @Test
    void does_not_put_the_value_of_a_bad_code_variable_in_the_message() {
        var options = DirectoryOptions.defaults().withJsonnet(GUESTBOOK.withExtVars(List.of(
                Variable.string("env", "prod"), Variable.code("replicas", "{ hunter2"))));

        assertThatThrownBy(() -> renderer.render(TREE, "apps/guestbook", options))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining("extVar 'replicas'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void stops_an_evaluation_that_runs_past_its_time_limit() {
        var quick = new DirectoryRenderer(RenderLimits.defaults(), new SjsonnetEvaluator(Duration.ofMillis(500)));

        assertThatThrownBy(() -> quick.render(TREE, "apps/runaway", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("apps/runaway/loop.jsonnet: Jsonnet evaluation took longer than the limit of 500ms and was stopped");
        assertThat(evaluationThreads("apps/runaway/loop.jsonnet")).allSatisfy(thread -> {
            thread.join(Duration.ofSeconds(10));
            assertThat(thread.isAlive()).as("the evaluation thread ended").isFalse();
        });
    }

    @Test
    void ends_endless_recursion_with_an_error() {
        assertThatThrownBy(() -> renderer.render(TREE, "apps/deep", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageStartingWith("apps/deep/deep.jsonnet")
                .hasMessageContaining("Stackoverflow");
    }

    @Test
    void caps_the_size_of_the_output() {
        var small = new DirectoryRenderer(RenderLimits.defaults().withMaxTotalBytes(5000), SjsonnetEvaluator.defaults());

        assertThatThrownBy(() -> small.render(TREE, "apps/big", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("apps/big/big.jsonnet: Jsonnet output is larger than the limit of 5000 bytes");
        assertThat(new DirectoryRenderer(RenderLimits.defaults().withMaxTotalBytes(20_000), SjsonnetEvaluator.defaults())
                .render(TREE, "apps/big", DirectoryOptions.defaults()).manifests().getFirst().string("/data/text")).hasSize(10_000);
    }

    @Test
    void counts_imported_files_against_the_limit_of_the_application() {
        var small = new DirectoryRenderer(RenderLimits.defaults().withMaxTotalBytes(200), SjsonnetEvaluator.defaults());

        assertThatThrownBy(() -> small.render(TREE, "apps/guestbook", DirectoryOptions.defaults().withJsonnet(GUESTBOOK)))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.origin()).isEqualTo(new Origin("apps/guestbook/main.jsonnet", 1));
                })
                .hasMessageContaining("the files imported are larger than the limit of 200 bytes in total");
    }

    private static List<Thread> evaluationThreads(String file) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jsonnet " + file)).toList();
    }

    private static JsonNode json(Manifest manifest) {
        return manifest.at("");
    }

    private static List<JsonNode> expected(String name) throws IOException {
        String text = Files.readString(RESOURCES.resolve("expected").resolve(name));
        return Arrays.stream(text.split("(?m)^---$")).map(document -> json(Manifest.parse(document))).toList();
    }

    private static Path resources() {
        try {
            return Path.of(SjsonnetEvaluatorTest.class.getResource("/repo").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
