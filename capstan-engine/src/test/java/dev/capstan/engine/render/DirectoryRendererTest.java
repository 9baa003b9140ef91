package dev.capstan.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fixture cases cannot hold: symbolic links, line endings, sizes and limits. */
class DirectoryRendererTest {

    @TempDir
    Path outside;

    Path root;
    SourceTree tree;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createDirectory(outside.resolve("repo"));
        tree = new DirectorySourceTree(root);
    }

    @Test
    void reads_files_with_crlf_line_endings_with_the_right_lines() throws IOException {
        write("app/cm.yaml", "# windows\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: one\r\n---\r\n"
                + "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: two\r\ndata:\r\n  a: b\r\n");
        RenderResult result = render("app", DirectoryOptions.defaults());
        assertThat(result.manifests()).map(Manifest::origin)
                .containsExactly(new Origin("app/cm.yaml", 2), new Origin("app/cm.yaml", 7));
        assertThat(result.manifests().get(1).string("/data/a")).isEqualTo("b");
    }

    @Test
    void reports_malformed_yaml_with_crlf_line_endings_on_the_right_line() throws IOException {
        write("app/cm.yaml", "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x: y\r\n");
        assertThatThrownBy(() -> render("app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.origin()).isEqualTo(new Origin("app/cm.yaml", 4)))
                .hasMessageStartingWith("app/cm.yaml:4: malformed YAML at column 10: ");
    }

    @Test
    void reads_a_file_starting_with_a_byte_order_mark() throws IOException {
        write("app/cm.yaml", "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bom\n");
        assertThat(keys(render("app", DirectoryOptions.defaults()))).containsExactly("ConfigMap/bom @ app/cm.yaml:1");
    }

    @Test
    void gives_origins_relative_to_the_source_root_for_a_nested_application_path() throws IOException {
        configMap("teams/web/prod/cm.yaml", "cm");
        assertThat(keys(render("./teams//web/prod/", DirectoryOptions.defaults())))
                .containsExactly("ConfigMap/cm @ teams/web/prod/cm.yaml:1");
    }

    @Test
    void reads_a_linked_file_inside_the_root_under_the_name_of_the_link() throws IOException {
        configMap("shared/common.yaml", "common");
        configMap("app/own.yaml", "own");
        Files.createSymbolicLink(root.resolve("app/common.yaml"), Path.of("../shared/common.yaml"));
        RenderResult result = render("app", DirectoryOptions.defaults());
        assertThat(keys(result)).containsExactly("ConfigMap/common @ app/common.yaml:1", "ConfigMap/own @ app/own.yaml:1");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void reads_an_application_whose_path_is_a_link_inside_the_root() throws IOException {
        configMap("releases/v2/cm.yaml", "cm");
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/v2"));
        assertThat(keys(render("current", DirectoryOptions.defaults()))).containsExactly("ConfigMap/cm @ current/cm.yaml:1");
    }

    @Test
    void refuses_a_linked_file_outside_the_root_naming_the_link() throws IOException {
        Files.writeString(outside.resolve("stolen.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\n");
        configMap("app/own.yaml", "own");
        Files.createSymbolicLink(root.resolve("app/stolen.yaml"), Path.of("../../stolen.yaml"));
        assertThatThrownBy(() -> render("app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT);
                    assertThat(e.origin().file()).isEqualTo("app/stolen.yaml");
                })
                .hasMessage("app/stolen.yaml: symbolic link points outside the source root (to ../../stolen.yaml)");
    }

    @Test
    void refuses_an_application_path_that_links_outside_the_root() throws IOException {
        Files.createDirectory(outside.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("app"), outside.resolve("elsewhere"));
        assertThatThrownBy(() -> render("app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageStartingWith("app: symbolic link points outside the source root");
    }

    @Test
    void leaves_an_excluded_link_alone_even_if_it_points_outside() throws IOException {
        configMap("app/own.yaml", "own");
        Files.createSymbolicLink(root.resolve("app/stolen.yaml"), Path.of("../../stolen.yaml"));
        Files.createSymbolicLink(root.resolve("app/elsewhere"), Path.of("../.."));
        assertThat(keys(render("app", DirectoryOptions.defaults().withExclude("stolen.yaml"))))
                .containsExactly("ConfigMap/own @ app/own.yaml:1");
        assertThat(keys(render("app", DirectoryOptions.defaults().withRecurse(true).withExclude("{stolen.yaml,elsewhere}"))))
                .containsExactly("ConfigMap/own @ app/own.yaml:1");
    }

    @Test
    void refuses_a_linked_directory_outside_the_root_when_recursing() throws IOException {
        configMap("app/own.yaml", "own");
        Files.createSymbolicLink(root.resolve("app/elsewhere"), Path.of("../.."));
        assertThat(keys(render("app", DirectoryOptions.defaults()))).containsExactly("ConfigMap/own @ app/own.yaml:1");
        assertThatThrownBy(() -> render("app", DirectoryOptions.defaults().withRecurse(true)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessage("app/elsewhere: symbolic link points outside the source root (to ../..)");
    }

    @Test
    void skips_a_dangling_link_with_a_warning() throws IOException {
        configMap("app/own.yaml", "own");
        Files.createSymbolicLink(root.resolve("app/gone.yaml"), Path.of("missing.yaml"));
        RenderResult result = render("app", DirectoryOptions.defaults());
        assertThat(keys(result)).containsExactly("ConfigMap/own @ app/own.yaml:1");
        assertThat(result.warnings()).map(RenderResult.Warning::toString)
                .containsExactly("app/gone.yaml: skipped: symbolic link to missing.yaml, which does not exist");
    }

    @Test
    void does_not_descend_into_a_linked_directory_and_says_so() throws IOException {
        configMap("app/own.yaml", "own");
        configMap("shared/cm.yaml", "shared");
        Files.createSymbolicLink(root.resolve("app/shared"), Path.of("../shared"));
        Files.createSymbolicLink(root.resolve("app/loop"), Path.of("."));
        RenderResult result = render("app", DirectoryOptions.defaults().withRecurse(true));
        assertThat(keys(result)).containsExactly("ConfigMap/own @ app/own.yaml:1");
        assertThat(result.warnings()).map(RenderResult.Warning::toString).containsExactly(
                "app/loop: skipped: symbolic link to the directory .; links to directories are not followed",
                "app/shared: skipped: symbolic link to the directory ../shared; links to directories are not followed");
    }

    @Test
    void refuses_a_file_over_the_size_limit_naming_it() throws IOException {
        configMap("app/a.yaml", "a");
        write("app/big.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: " + "y".repeat(2000) + "\n");
        assertThatThrownBy(() -> new DirectoryRenderer(RenderLimits.defaults().withMaxFileBytes(1024)).render(tree, "app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("app/big.yaml: file is larger than the limit of 1024 bytes per file");
    }

    @Test
    void refuses_files_over_the_total_limit_naming_the_file_that_crossed_it() throws IOException {
        for (String name : List.of("a", "b", "c")) {
            configMap("app/" + name + ".yaml", name); // 50 bytes each
        }
        var renderer = new DirectoryRenderer(RenderLimits.defaults().withMaxTotalBytes(120));
        assertThatThrownBy(() -> renderer.render(tree, "app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("app/c.yaml: the application's manifest files are larger than the limit of 120 bytes in total");
    }

    @Test
    void refuses_more_objects_than_the_limit_naming_the_first_one_over_it() throws IOException {
        write("app/many.yaml", """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
                """);
        var renderer = new DirectoryRenderer(RenderLimits.defaults().withMaxObjects(2));
        assertThatThrownBy(() -> renderer.render(tree, "app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("app/many.yaml:6: the application has more than 2 objects, the limit");
        assertThat(new DirectoryRenderer(RenderLimits.defaults().withMaxObjects(3)).render(tree, "app", DirectoryOptions.defaults()).manifests())
                .hasSize(3);
    }

    @Test
    void reads_a_yaml_document_larger_than_snakeyamls_own_cap() throws IOException {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
        int keys = 0;
        while (yaml.length() < 3_500_000) {
            yaml.append("  key").append(keys++).append(": some value\n");
        }
        write("app/big.yaml", yaml.toString());
        assertThat(render("app", DirectoryOptions.defaults()).manifests().getFirst().at("/data").size()).isEqualTo(keys);
    }

    @Test
    void refuses_aliases_that_expand_without_bound() throws IOException {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: laughs\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'h'; level++) {
            yaml.append("  ").append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*" + previous))).append("]\n");
            previous = level;
        }
        write("app/laughs.yaml", yaml.toString());
        assertThatThrownBy(() -> render("app", DirectoryOptions.defaults()))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("YAML aliases expand to more than 1000000 nodes");
    }

    @Test
    void gives_the_same_result_every_time() throws IOException {
        for (String name : List.of("q", "b", "x", "a", "m")) {
            configMap("app/" + name + "/cm.yaml", name);
            configMap("app/" + name + ".yaml", name + "-top");
        }
        List<String> first = keys(render("app", DirectoryOptions.defaults().withRecurse(true)));
        assertThat(first).startsWith("ConfigMap/a-top @ app/a.yaml:1", "ConfigMap/a @ app/a/cm.yaml:1");
        assertThat(keys(render("app", DirectoryOptions.defaults().withRecurse(true)))).isEqualTo(first);
    }

    private RenderResult render(String path, DirectoryOptions options) {
        return new DirectoryRenderer().render(tree, path, options);
    }

    private static List<String> keys(RenderResult result) {
        return result.manifests().stream().map(m -> m.key() + " @ " + m.origin()).toList();
    }

    private void configMap(String path, String name) throws IOException {
        write(path, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
