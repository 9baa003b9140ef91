package dev.capstan.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.SourceTree.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTreeTest {

    @TempDir
    Path outside;

    Path root;
    DirectorySourceTree tree;

    @BeforeEach
    void createTree() throws IOException {
        root = Files.createDirectory(outside.resolve("repo"));
        write("apps/web/deploy.yaml", "kind: Deployment\n");
        write("apps/web/svc.yaml", "kind: Service\n");
        Files.createDirectories(root.resolve("apps/web/sub"));
        write("shared/cm.yaml", "kind: ConfigMap\n");
        Files.writeString(outside.resolve("secret.txt"), "do not read");
        tree = new DirectorySourceTree(root);
    }

    @Test
    void lists_entries_sorted_by_name_with_paths_from_the_root() {
        assertThat(tree.list("apps/web")).containsExactly(
                Entry.file("apps/web/deploy.yaml"), Entry.directory("apps/web/sub"), Entry.file("apps/web/svc.yaml"));
    }

    @Test
    void lists_the_root_for_an_empty_path_or_a_dot() {
        assertThat(tree.list("")).containsExactly(Entry.directory("apps"), Entry.directory("shared"));
        assertThat(tree.list(".")).isEqualTo(tree.list(""));
    }

    @Test
    void normalises_redundant_slashes_and_dots() {
        assertThat(tree.list("./apps//web/")).isEqualTo(tree.list("apps/web"));
    }

    @Test
    void lists_a_symbolic_link_as_a_link_with_its_target() throws IOException {
        Files.createSymbolicLink(root.resolve("apps/web/cm.yaml"), Path.of("../../shared/cm.yaml"));
        assertThat(tree.list("apps/web")).contains(Entry.symlink("apps/web/cm.yaml", "../../shared/cm.yaml"));
    }

    @Test
    void reads_a_file() {
        assertThat(new String(tree.read("apps/web/svc.yaml", 100), StandardCharsets.UTF_8)).isEqualTo("kind: Service\n");
    }

    @Test
    void refuses_a_file_larger_than_the_limit_naming_it() {
        assertThatThrownBy(() -> tree.read("apps/web/svc.yaml", 5))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.origin()).isEqualTo(new Origin("apps/web/svc.yaml", 0));
                })
                .hasMessage("apps/web/svc.yaml: file is larger than the limit of 5 bytes per file");
    }

    @Test
    void reads_a_file_exactly_at_the_limit() {
        assertThat(tree.read("apps/web/svc.yaml", 14)).hasSize(14);
    }

    @Test
    void reads_a_file_with_no_practical_limit() {
        assertThat(tree.read("apps/web/svc.yaml", Long.MAX_VALUE)).hasSize(14);
    }

    @Test
    void refuses_a_path_with_a_dot_dot_segment() {
        assertThatThrownBy(() -> tree.read("apps/../../secret.txt", 100))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> tree.list("apps/web/.."))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT));
    }

    @Test
    void refuses_an_absolute_path() {
        assertThatThrownBy(() -> tree.read(outside.resolve("secret.txt").toString(), 100))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageContaining("absolute path");
    }

    @Test
    void follows_a_link_that_stays_inside_the_root() throws IOException {
        Files.createSymbolicLink(root.resolve("apps/web/cm.yaml"), Path.of("../../shared/cm.yaml"));
        assertThat(tree.read("apps/web/cm.yaml", 100)).asString(StandardCharsets.UTF_8).isEqualTo("kind: ConfigMap\n");
        assertThat(tree.resolve("apps/web/cm.yaml")).contains(Entry.file("shared/cm.yaml"));
    }

    @Test
    void follows_a_linked_directory_in_the_middle_of_a_path() throws IOException {
        Files.createSymbolicLink(root.resolve("apps/current"), Path.of("web"));
        assertThat(tree.read("apps/current/svc.yaml", 100)).asString(StandardCharsets.UTF_8).isEqualTo("kind: Service\n");
        assertThat(tree.list("apps/current")).first().isEqualTo(Entry.file("apps/current/deploy.yaml"));
    }

    @Test
    void follows_a_chain_of_links() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("shared/./cm.yaml"));
        assertThat(tree.resolve("a")).contains(Entry.file("shared/cm.yaml"));
    }

    @Test
    void refuses_a_link_out_of_the_root_naming_the_link() throws IOException {
        Files.createSymbolicLink(root.resolve("apps/web/leak.yaml"), Path.of("../../../secret.txt"));
        assertThatThrownBy(() -> tree.read("apps/web/leak.yaml", 100))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT);
                    assertThat(e.origin().file()).isEqualTo("apps/web/leak.yaml");
                })
                .hasMessage("apps/web/leak.yaml: symbolic link points outside the source root (to ../../../secret.txt)");
    }

    @Test
    void refuses_a_link_with_an_absolute_target_even_into_the_root() throws IOException {
        Files.createSymbolicLink(root.resolve("abs.yaml"), root.resolve("shared/cm.yaml"));
        assertThatThrownBy(() -> tree.resolve("abs.yaml"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageStartingWith("abs.yaml: symbolic link points outside the source root");
    }

    @Test
    void refuses_a_linked_directory_out_of_the_root_before_reading_through_it() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), Path.of(".."));
        assertThatThrownBy(() -> tree.read("escape/secret.txt", 100))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessage("escape: symbolic link points outside the source root (to ..)");
        assertThatThrownBy(() -> tree.list("escape"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT));
    }

    @Test
    void refuses_a_link_that_climbs_out_through_another_link() throws IOException {
        Files.createSymbolicLink(root.resolve("apps/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("apps/web/sneaky.txt"), Path.of("../up/../secret.txt"));
        assertThatThrownBy(() -> tree.resolve("apps/web/sneaky.txt"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessageStartingWith("apps/web/sneaky.txt: symbolic link points outside the source root");
    }

    @Test
    void resolves_a_dangling_link_to_nothing() throws IOException {
        Files.createSymbolicLink(root.resolve("gone.yaml"), Path.of("missing.yaml"));
        assertThat(tree.resolve("gone.yaml")).isEmpty();
        assertThat(tree.resolve("no/such/path")).isEmpty();
    }

    @Test
    void refuses_a_loop_of_links() throws IOException {
        Files.createSymbolicLink(root.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(root.resolve("pong"), Path.of("ping"));
        assertThatThrownBy(() -> tree.resolve("ping"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void reports_a_missing_file_or_directory_as_not_found() {
        assertThatThrownBy(() -> tree.read("apps/none.yaml", 100))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("apps/none.yaml: no such file");
        assertThatThrownBy(() -> tree.list("apps/web/svc.yaml"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("apps/web/svc.yaml: not a directory");
        assertThatThrownBy(() -> tree.read("apps/web", 100))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("apps/web: not a regular file");
    }

    @Test
    void refuses_a_root_that_does_not_exist() {
        assertThatThrownBy(() -> new DirectorySourceTree(outside.resolve("nothing")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
