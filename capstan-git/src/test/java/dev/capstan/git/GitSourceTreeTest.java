package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree.Entry;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.serve.HostedRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A commit read from Git objects against a checkout of the same files: every answer, and every
 * error with its reason and message, must be the same.
 */
class GitSourceTreeTest {

    /** Everything the link rules care about, as in the engine's DirectorySourceTreeTest. */
    static final FixtureTree TREE = new FixtureTree()
            .file("apps/web/deploy.yaml", "kind: Deployment\n")
            .file("apps/web/svc.yaml", "kind: Service\n")
            .file("apps/web/sub/keep.txt", "x\n")
            .file("shared/cm.yaml", "kind: ConfigMap\n")
            .file("B-upper.txt", "sorted by name\n")
            .link("apps/web/cm.yaml", "../../shared/cm.yaml")
            .link("apps/current", "web")
            .link("apps/trailing", "web/")
            .link("a", "b")
            .link("b", "shared/./cm.yaml")
            .link("apps/web/leak.yaml", "../../../secret.txt")
            .link("abs.yaml", "/nonexistent/secret.txt")
            .link("apps/doubled", "..//shared//")
            .link("escape", "..")
            .link("apps/up", "..")
            .link("apps/web/sneaky.txt", "../up/../secret.txt")
            .link("gone.yaml", "missing.yaml")
            .link("ping", "pong")
            .link("pong", "ping")
            .link("through-file", "apps/web/svc.yaml/x");

    @TempDir
    static Path temp;

    static HostedRepository repository;
    static Repository objects;
    static SourceTree onDisk;
    static SourceTree inGit;

    @BeforeAll
    static void writeTheSameFilesToADirectoryAndACommit() throws Exception {
        Path checkout = Files.createDirectory(temp.resolve("checkout"));
        TREE.writeTo(checkout);
        onDisk = new DirectorySourceTree(checkout);
        repository = HostedRepository.createBare(temp.resolve("repo.git"));
        objects = new FileRepositoryBuilder().setGitDir(repository.directory().toFile()).setBare().setMustExist(true).build();
        inGit = treeOf(TREE.commitTo(repository, "main"));
    }

    @AfterAll
    static void close() {
        objects.close();
        repository.close();
    }

    @ParameterizedTest(name = "list({0})")
    @CsvSource(delimiter = ';', nullValues = "NULL", textBlock = """
            ''
            .
            ./apps//web/
            apps
            apps/web
            apps/current
            apps/trailing
            apps/web/sub
            apps/web/svc.yaml
            apps/none
            escape
            apps/..
            /etc
            gone.yaml
            ping
            apps/doubled
            """)
    void lists_a_directory_as_a_checkout_does(String path) {
        assertSameOutcome(() -> onDisk.list(path), () -> inGit.list(path));
    }

    @ParameterizedTest(name = "resolve({0})")
    @CsvSource(delimiter = ';', textBlock = """
            ''
            apps/web/cm.yaml
            apps/current
            apps/current/svc.yaml
            apps/trailing/deploy.yaml
            a
            apps/web/leak.yaml
            abs.yaml
            escape/secret.txt
            apps/web/sneaky.txt
            gone.yaml
            no/such/path
            ping
            through-file
            apps/web/svc.yaml/x
            apps/up/shared/cm.yaml
            apps/../secret.txt
            apps/doubled/cm.yaml
            """)
    void resolves_a_path_as_a_checkout_does(String path) {
        assertSameOutcome(() -> onDisk.resolve(path), () -> inGit.resolve(path));
    }

    @ParameterizedTest(name = "read({0}, {1})")
    @CsvSource(delimiter = ';', textBlock = """
            apps/web/svc.yaml       ; 100
            apps/web/svc.yaml       ; 14
            apps/web/svc.yaml       ; 13
            apps/web/svc.yaml       ; 9223372036854775807
            apps/web/cm.yaml        ; 100
            apps/current/svc.yaml   ; 100
            a                       ; 100
            apps/web                ; 100
            apps/none.yaml          ; 100
            apps/web/leak.yaml      ; 100
            escape/secret.txt       ; 100
            gone.yaml               ; 100
            ping                    ; 100
            /etc/passwd             ; 100
            """)
    void reads_a_file_as_a_checkout_does(String path, long maxBytes) {
        assertSameOutcome(() -> new String(onDisk.read(path, maxBytes), StandardCharsets.UTF_8),
                () -> new String(inGit.read(path, maxBytes), StandardCharsets.UTF_8));
    }

    @Test
    void lists_a_symbolic_link_as_a_link_with_its_target() {
        assertThat(inGit.list("apps/web")).containsExactly(
                Entry.symlink("apps/web/cm.yaml", "../../shared/cm.yaml"),
                Entry.file("apps/web/deploy.yaml"),
                Entry.symlink("apps/web/leak.yaml", "../../../secret.txt"),
                Entry.symlink("apps/web/sneaky.txt", "../up/../secret.txt"),
                Entry.directory("apps/web/sub"),
                Entry.file("apps/web/svc.yaml"));
    }

    @Test
    void refuses_a_file_over_the_limit_before_reading_it() {
        assertThatThrownBy(() -> inGit.read("apps/web/svc.yaml", 5))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(RenderException.Reason.TOO_LARGE))
                .hasMessage("apps/web/svc.yaml: file is larger than the limit of 5 bytes per file");
    }

    @Test
    void renders_the_same_manifests_from_a_commit_as_from_a_checkout() throws Exception {
        FixtureTree app = new FixtureTree()
                .file("apps/web/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 0755\n")
                .file("apps/web/list.yaml", """
                        apiVersion: v1
                        kind: List
                        items:
                          - {apiVersion: v1, kind: Service, metadata: {name: web}}
                          - {apiVersion: v1, kind: ServiceAccount, metadata: {name: web}}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: flags}
                        data: {enabled: yes}
                        """)
                .file("apps/web/nested/job.json", "{\"apiVersion\": \"batch/v1\", \"kind\": \"Job\", \"metadata\": {\"name\": \"migrate\"}}")
                .file("apps/web/notes.txt", "not a manifest\n")
                .file("shared/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n")
                .link("apps/web/quota.yaml", "../../shared/quota.yaml")
                .link("apps/web/shared", "../../shared")
                .link("apps/web/dangling.yaml", "nowhere.yaml");
        Path checkout = Files.createDirectory(temp.resolve("app-checkout"));
        app.writeTo(checkout);
        SourceTree git = treeOf(app.commitTo(repository, "app"));
        DirectoryRenderer renderer = new DirectoryRenderer();

        for (DirectoryOptions options : new DirectoryOptions[] {
                DirectoryOptions.defaults(), DirectoryOptions.defaults().withRecurse(true), DirectoryOptions.defaults().withExclude("list.yaml")}) {
            RenderResult fromDisk = renderer.render(new DirectorySourceTree(checkout), "apps/web", options);
            RenderResult fromGit = renderer.render(git, "apps/web", options);

            assertThat(fromGit.manifests()).as("%s", options).isNotEmpty().isEqualTo(fromDisk.manifests());
            assertThat(fromGit.manifests()).extracting(Manifest::origin).isEqualTo(fromDisk.manifests().stream().map(Manifest::origin).toList());
            assertThat(fromGit.warnings()).isEqualTo(fromDisk.warnings());
        }
        assertThat(renderer.render(git, "apps/web", DirectoryOptions.defaults().withRecurse(true)).manifests())
                .extracting(m -> m.key().toString())
                .containsExactly("Deployment.apps/web", "Service/web", "ServiceAccount/web", "ConfigMap/flags", "Job.batch/migrate", "ResourceQuota/quota");
    }

    @Test
    void renders_the_same_failure_from_a_commit_as_from_a_checkout() throws Exception {
        Path checkout = temp.resolve("checkout");
        assertSameOutcome(() -> new DirectoryRenderer().render(new DirectorySourceTree(checkout), "apps/web", DirectoryOptions.defaults()),
                () -> new DirectoryRenderer().render(inGit, "apps/web", DirectoryOptions.defaults()));
        assertSameOutcome(() -> new DirectoryRenderer().render(new DirectorySourceTree(checkout), "apps/missing", DirectoryOptions.defaults()),
                () -> new DirectoryRenderer().render(inGit, "apps/missing", DirectoryOptions.defaults()));
    }

    private static SourceTree treeOf(String sha) throws Exception {
        try (RevWalk walk = new RevWalk(objects)) {
            return new GitSourceTree(objects, new Commit(sha), walk.parseCommit(ObjectId.fromString(sha)).getTree().getId());
        }
    }

    private static void assertSameOutcome(Supplier<?> expected, Supplier<?> actual) {
        String want = outcome(expected);
        assertThat(outcome(actual)).isEqualTo(want);
    }

    private static String outcome(Supplier<?> action) {
        try {
            Object result = action.get();
            return result instanceof RenderResult render ? render.manifests() + " " + render.warnings() : String.valueOf(result);
        } catch (RenderException e) {
            return "RenderException " + e.reason() + " at " + e.origin() + ": " + e.getMessage();
        }
    }
}
