package dev.capstan.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.JsonnetOptions.Variable;
import dev.capstan.engine.render.RenderException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a directory hands its Jsonnet files to a {@link JsonnetEvaluator}, with one that answers from
 * a table (the text of each file is ignored); capstan-render-jsonnet tests real evaluation.
 */
class DirectoryRendererJsonnetTest {

    /** Answers each file from {@code outputs} and remembers what it was asked. */
    private static final class TableEvaluator implements JsonnetEvaluator {

        final Map<String, String> outputs;
        final List<String> files = new ArrayList<>();
        JsonnetOptions options;
        RenderLimits limits;

        TableEvaluator(Map<String, String> outputs) {
            this.outputs = outputs;
        }

        @Override
        public String evaluate(SourceTree tree, String file, JsonnetOptions givenOptions, RenderLimits givenLimits) {
            files.add(file);
            options = givenOptions;
            limits = givenLimits;
            return outputs.get(file);
        }
    }

    @TempDir
    Path outside;

    SourceTree tree;
    Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createDirectory(outside.resolve("repo"));
        tree = new DirectorySourceTree(root);
        write("app/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n");
        write("app/b.jsonnet", "ignored by the table");
        write("app/lib.libsonnet", "ignored by the table");
        write("app/sub/c.jsonnet", "ignored by the table");
    }

    @Test
    void passes_over_jsonnet_files_without_an_evaluator() {
        RenderResult result = new DirectoryRenderer().render(tree, "app", DirectoryOptions.defaults().withRecurse(true));

        assertThat(keys(result)).containsExactly("ConfigMap/plain @ app/a.yaml:1");
    }

    @Test
    void renders_jsonnet_files_in_path_order_with_the_file_as_origin_and_never_libsonnet_files() {
        var evaluator = new TableEvaluator(Map.of(
                "app/b.jsonnet", "[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b1\"}},"
                        + "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"b2\"}}]}]",
                "app/sub/c.jsonnet", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}"));

        RenderResult result = new DirectoryRenderer(RenderLimits.defaults(), evaluator)
                .render(tree, "app", DirectoryOptions.defaults().withRecurse(true));

        assertThat(keys(result)).containsExactly("ConfigMap/plain @ app/a.yaml:1", "ConfigMap/b1 @ app/b.jsonnet",
                "Secret/b2 @ app/b.jsonnet", "ConfigMap/c @ app/sub/c.jsonnet");
        assertThat(evaluator.files).containsExactly("app/b.jsonnet", "app/sub/c.jsonnet");
    }

    @Test
    void keeps_and_leaves_out_jsonnet_files_by_include_and_exclude() {
        var evaluator = new TableEvaluator(Map.of("app/sub/c.jsonnet", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}"));
        var options = DirectoryOptions.defaults().withRecurse(true).withInclude("**.jsonnet").withExclude("b.jsonnet");

        RenderResult result = new DirectoryRenderer(RenderLimits.defaults(), evaluator).render(tree, "app", options);

        assertThat(keys(result)).containsExactly("ConfigMap/c @ app/sub/c.jsonnet");
    }

    @Test
    void hands_the_evaluator_the_options_with_library_paths_normalised_and_what_is_left_of_the_size_limit() {
        var evaluator = new TableEvaluator(Map.of("app/b.jsonnet", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}"));
        var jsonnet = JsonnetOptions.none().withExtVars(List.of(Variable.string("env", "prod"))).withLibs(List.of("./vendor//lib/"));

        new DirectoryRenderer(RenderLimits.defaults().withMaxTotalBytes(1000), evaluator)
                .render(tree, "app", DirectoryOptions.defaults().withJsonnet(jsonnet));

        assertThat(evaluator.options).isEqualTo(jsonnet.withLibs(List.of("vendor/lib")));
        assertThat(evaluator.limits.maxTotalBytes()).isEqualTo(1000 - "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n".length());
    }

    @Test
    void names_the_jsonnet_file_when_its_output_is_not_an_object() {
        var evaluator = new TableEvaluator(Map.of("app/b.jsonnet", "[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}, \"text\"]"));

        assertThatThrownBy(() -> new DirectoryRenderer(RenderLimits.defaults(), evaluator).render(tree, "app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OBJECT))
                .hasMessage("app/b.jsonnet: element 2 of the array is a string, not an object");
    }

    @Test
    void refuses_a_library_path_out_of_the_repository() {
        var evaluator = new TableEvaluator(Map.of());
        var options = DirectoryOptions.defaults().withJsonnet(JsonnetOptions.none().withLibs(List.of("../vendor")));

        assertThatThrownBy(() -> new DirectoryRenderer(RenderLimits.defaults(), evaluator).render(tree, "app", options))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageStartingWith("jsonnet library path: ");
        assertThat(evaluator.files).isEmpty();
    }

    @Test
    void refuses_a_variable_given_twice_without_saying_its_value() {
        var evaluator = new TableEvaluator(Map.of());
        var options = DirectoryOptions.defaults().withJsonnet(JsonnetOptions.none()
                .withTlas(List.of(Variable.string("token", "s3cret"), Variable.code("token", "'s3cret'"))));

        assertThatThrownBy(() -> new DirectoryRenderer(RenderLimits.defaults(), evaluator).render(tree, "app", options))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessage("jsonnet tla 'token' is given twice");
    }

    private static List<String> keys(RenderResult result) {
        return result.manifests().stream().map(m -> m.key() + " @ " + m.origin()).toList();
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
