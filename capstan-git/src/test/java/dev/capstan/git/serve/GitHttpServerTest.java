package dev.capstan.git.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import dev.capstan.git.Commit;
import dev.capstan.git.RepositoryCache;
import dev.capstan.git.RepositoryCredentials;
import dev.capstan.git.serve.GitHttpServer.Push;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's and tests' Git server: pushes over HTTP, commits through the API, and what both report. */
class GitHttpServerTest {

    static final String ZEROS = ObjectId.zeroId().name();

    @TempDir
    Path temp;

    GitHttpServer server;
    BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = GitHttpServer.start(temp.resolve("server"));
        server.onPush(pushes::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void serves_each_repository_at_its_name_on_loopback() {
        server.create("apps");

        assertThat(server.url("apps")).isEqualTo("http://127.0.0.1:" + server.port() + "/apps.git");
        assertThat(server.repository("apps").directory()).isEqualTo(temp.resolve("server/apps.git"));
        assertThatThrownBy(() -> server.create("apps")).hasMessage("there is a repository named apps already");
        assertThatThrownBy(() -> server.repository("other")).hasMessage("no repository named other");
        assertThatThrownBy(() -> server.create("../apps")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_push_over_http_moves_the_branch_in_the_bare_repository_and_is_reported() throws Exception {
        HostedRepository apps = server.create("apps");
        String first = apps.commit("main", Map.of("README.md", "# apps\n"), "first");
        assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new Push("apps", "refs/heads/main", ZEROS, first));

        String pushed;
        try (Git clone = Git.cloneRepository().setURI(server.url("apps")).setDirectory(temp.resolve("clone").toFile()).call()) {
            Files.writeString(temp.resolve("clone/app.yaml"), "kind: ConfigMap\n");
            clone.add().addFilepattern("app.yaml").call();
            pushed = clone.commit().setMessage("add app.yaml").setAuthor("dev", "dev@example.com").setCommitter("dev", "dev@example.com").call().name();
            clone.push().setRemote("origin").add("main").call();
        }

        assertThat(apps.head("refs/heads/main")).isEqualTo(pushed);
        assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new Push("apps", "refs/heads/main", first, pushed));
        assertThat(filesOf(apps, pushed)).isEqualTo(Map.of("README.md", "# apps\n", "app.yaml", "kind: ConfigMap\n"));
        assertThat(server.requests()).anyMatch(r -> r.method().equals("POST") && r.uri().equals("/apps.git/git-receive-pack"));
    }

    @Test
    void commit_writes_the_given_paths_deletes_the_null_ones_and_keeps_the_rest() throws Exception {
        HostedRepository apps = server.create("apps");
        String first = apps.commit("main", Map.of(
                "README.md", "# apps\n",
                "apps/web/a.yaml", "a: 1\n",
                "apps/web/b.yaml", "b: 1\n",
                "apps/db/c.yaml", "c: 1\n",
                "apps/db/deeper/d.yaml", "d: 1\n"), "first");
        Map<String, String> changes = new HashMap<>();
        changes.put("apps/web/a.yaml", "a: 2\n");
        changes.put("apps/web/b.yaml", null);
        changes.put("apps/db", null);
        changes.put("never/there.yaml", null);
        changes.put("new.txt", "new\n");

        String second = apps.commit("main", changes, "second");

        assertThat(filesOf(apps, second)).isEqualTo(Map.of("README.md", "# apps\n", "apps/web/a.yaml", "a: 2\n", "new.txt", "new\n"));
        assertThat(parentOf(apps, second)).isEqualTo(first);
        assertThat(apps.head("main")).isEqualTo(second);
        assertThat(pushes).containsExactly(new Push("apps", "refs/heads/main", ZEROS, first), new Push("apps", "refs/heads/main", first, second));
    }

    @Test
    void refuses_a_path_git_cannot_hold_and_leaves_the_branch_where_it_was() {
        HostedRepository apps = server.create("apps");
        String first = apps.commit("main", Map.of("a.txt", "a\n"), "first");

        for (String path : List.of("../escape.txt", "/absolute.txt", "a//b.txt", ".git/config")) {
            assertThatThrownBy(() -> apps.commit("main", Map.of(path, "x\n"), "bad")).as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> apps.commit("no..branch", Map.of("a.txt", "a\n"), "bad")).hasMessage("not a valid branch name: no..branch");
        assertThat(apps.head("main")).isEqualTo(first);
    }

    @Test
    void a_new_branch_starts_from_an_empty_tree() throws Exception {
        HostedRepository apps = server.create("apps");
        apps.commit("main", Map.of("main.txt", "main\n"), "on main");

        String feature = apps.commit("feature", Map.of("feature.txt", "feature\n"), "on feature");

        assertThat(filesOf(apps, feature)).isEqualTo(Map.of("feature.txt", "feature\n"));
        assertThat(parentOf(apps, feature)).isNull();
    }

    @Test
    void replace_tree_commits_exactly_the_files_given() throws Exception {
        HostedRepository apps = server.create("apps");
        apps.commit("main", Map.of("old.txt", "old\n"), "first");

        String replaced = apps.replaceTree("main", Map.of("new.txt", "new\n".getBytes(StandardCharsets.UTF_8)), Map.of("link", "new.txt"), "replaced");

        assertThat(filesOf(apps, replaced)).isEqualTo(Map.of("new.txt", "new\n", "link", "new.txt"));
        assertThat(modeOf(apps, replaced, "link")).isEqualTo(FileMode.SYMLINK);
    }

    @Test
    void commit_directory_round_trips_through_the_repository_cache() throws Exception {
        HostedRepository apps = server.create("apps");
        Path checkout = Files.createDirectories(temp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("apps/web"));
        Files.writeString(checkout.resolve("apps/web/deployment.yaml"), "kind: Deployment\n");
        Files.writeString(checkout.resolve(".hidden"), "kept\n");
        Files.writeString(checkout.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(checkout.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(checkout.resolve("current"), Path.of("apps/web"));
        Files.createDirectories(checkout.resolve("empty"));

        String sha = apps.commitDirectory("main", checkout, "from disk");

        try (RepositoryCache cache = new RepositoryCache(temp.resolve("cache"))) {
            Commit commit = cache.resolve(server.url("apps"), "main", RepositoryCredentials.none());
            assertThat(commit.sha()).isEqualTo(sha);
            SourceTree tree = cache.tree(server.url("apps"), commit, ".", RepositoryCredentials.none());
            assertThat(tree.list("")).containsExactly(
                    Entry.file(".hidden"), Entry.directory("apps"), Entry.symlink("current", "apps/web"), Entry.file("run.sh"));
            assertThat(new String(tree.read("current/deployment.yaml", 100), StandardCharsets.UTF_8)).isEqualTo("kind: Deployment\n");
            assertThat(new String(tree.read("run.sh", 100), StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\necho hi\n");
        }
        assertThat(modeOf(apps, sha, "run.sh")).isEqualTo(FileMode.EXECUTABLE_FILE);
        assertThat(modeOf(apps, sha, ".hidden")).isEqualTo(FileMode.REGULAR_FILE);

        Files.delete(checkout.resolve(".hidden"));
        String next = apps.commitDirectory("main", checkout, "without .hidden");
        assertThat(filesOf(apps, next)).containsOnlyKeys("apps/web/deployment.yaml", "run.sh", "current");
        assertThat(parentOf(apps, next)).isEqualTo(sha);
    }

    @Test
    void a_file_changed_by_commit_stays_executable() throws Exception {
        HostedRepository apps = server.create("apps");
        Path checkout = Files.createDirectories(temp.resolve("checkout"));
        Files.writeString(checkout.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(checkout.resolve("run.sh"), PosixFilePermissions.fromString("rwxr--r--"));
        apps.commitDirectory("main", checkout, "script");

        String changed = apps.commit("main", Map.of("run.sh", "#!/bin/sh\necho changed\n"), "change the script");

        assertThat(modeOf(apps, changed, "run.sh")).isEqualTo(FileMode.EXECUTABLE_FILE);
    }

    @Test
    void a_private_repository_refuses_a_push_without_its_credentials() throws Exception {
        HostedRepository secret = server.createPrivate("secret", "alice", "s3cret-pw");
        String first = secret.commit("main", Map.of("README.md", "# secret\n"), "first");
        pushes.clear();
        var alice = new UsernamePasswordCredentialsProvider("alice", "s3cret-pw");

        try (Git clone = Git.cloneRepository().setURI(server.url("secret")).setCredentialsProvider(alice).setDirectory(temp.resolve("clone").toFile()).call()) {
            Files.writeString(temp.resolve("clone/change.txt"), "change\n");
            clone.add().addFilepattern("change.txt").call();
            String change = clone.commit().setMessage("change").setAuthor("dev", "dev@example.com").setCommitter("dev", "dev@example.com").call().name();

            assertThatThrownBy(() -> clone.push().setRemote("origin").add("main").call())
                    .isInstanceOf(TransportException.class).hasMessageContaining("Authentication is required");
            assertThatThrownBy(() -> clone.push().setRemote("origin").add("main").setCredentialsProvider(new UsernamePasswordCredentialsProvider("alice", "guess")).call())
                    .isInstanceOf(TransportException.class).hasMessageContaining("not authorized");
            assertThat(secret.head("main")).isEqualTo(first);

            clone.push().setRemote("origin").add("main").setCredentialsProvider(alice).call();
            assertThat(secret.head("main")).isEqualTo(change);
            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo(new Push("secret", "refs/heads/main", first, change));
        }
    }

    @Test
    void a_private_repository_is_refused_under_other_spellings_of_its_path() throws Exception {
        server.createPrivate("secret", "alice", "s3cret-pw").commit("main", Map.of("README.md", "# secret\n"), "first");
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();

        for (String path : List.of("/secret.git/info/refs", "/secret/info/refs", "//secret.git/info/refs", "/%73ecret.git/info/refs")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path + "?service=git-upload-pack")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("refs/heads/main");
        }
    }

    @Test
    void tags_and_deleted_refs_are_reported_too() throws Exception {
        HostedRepository apps = server.create("apps");
        String main = apps.commit("main", Map.of("a.txt", "a\n"), "first");
        apps.tag("v1.0.0", main);
        apps.annotatedTag("v1.1.0", main);
        apps.deleteRef("refs/tags/v1.0.0");

        List<Push> reported = new ArrayList<>(pushes);
        assertThat(reported).extracting(Push::ref).containsExactly("refs/heads/main", "refs/tags/v1.0.0", "refs/tags/v1.1.0", "refs/tags/v1.0.0");
        assertThat(reported.get(1)).isEqualTo(new Push("apps", "refs/tags/v1.0.0", ZEROS, main));
        assertThat(reported.get(2).newId()).isEqualTo(apps.head("refs/tags/v1.1.0")).isNotEqualTo(main);
        assertThat(reported.get(3)).isEqualTo(new Push("apps", "refs/tags/v1.0.0", main, ZEROS));
        assertThat(apps.head("refs/tags/v1.0.0")).isNull();
    }

    @Test
    void commits_from_many_threads_each_land_once_on_one_line_of_history() throws Exception {
        HostedRepository apps = server.create("apps");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<String>>();
            for (int i = 0; i < threads; i++) {
                String file = "file-" + i + ".txt";
                futures.add(pool.submit(() -> {
                    start.await();
                    return apps.commit("main", Map.of(file, file), "add " + file);
                }));
            }
            start.countDown();
            for (Future<String> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < threads; i++) {
            expected.put("file-" + i + ".txt", "file-" + i + ".txt");
        }
        String head = apps.head("main");
        assertThat(filesOf(apps, head)).isEqualTo(expected);
        assertThat(historyLength(apps, head)).isEqualTo(threads);
        assertThat(pushes).hasSize(threads);
    }

    /** Every file and link of a commit, by path, with its content (a link's is its target). */
    private static Map<String, String> filesOf(HostedRepository repository, String sha) throws Exception {
        try (Repository git = open(repository); RevWalk walk = new RevWalk(git); TreeWalk tree = new TreeWalk(git)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
            tree.setRecursive(true);
            Map<String, String> files = new TreeMap<>();
            while (tree.next()) {
                files.put(tree.getPathString(), new String(git.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
            return files;
        }
    }

    private static FileMode modeOf(HostedRepository repository, String sha, String path) throws Exception {
        try (Repository git = open(repository); RevWalk walk = new RevWalk(git);
                TreeWalk tree = TreeWalk.forPath(git, path, walk.parseCommit(ObjectId.fromString(sha)).getTree())) {
            return tree.getFileMode(0);
        }
    }

    private static String parentOf(HostedRepository repository, String sha) throws Exception {
        try (Repository git = open(repository); RevWalk walk = new RevWalk(git)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            return commit.getParentCount() == 0 ? null : commit.getParent(0).name();
        }
    }

    private static int historyLength(HostedRepository repository, String sha) throws Exception {
        try (Repository git = open(repository); RevWalk walk = new RevWalk(git)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            int length = 1;
            while (commit.getParentCount() > 0) {
                assertThat(commit.getParentCount()).isEqualTo(1);
                commit = walk.parseCommit(commit.getParent(0));
                length++;
            }
            return length;
        }
    }

    private static Repository open(HostedRepository repository) throws Exception {
        return new FileRepositoryBuilder().setGitDir(repository.directory().toFile()).setBare().setMustExist(true).build();
    }
}
