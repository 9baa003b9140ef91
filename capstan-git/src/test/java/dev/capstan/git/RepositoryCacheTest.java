package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.GitException.Reason;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resolving and reading against a real Git server over smart HTTP, in process. */
class RepositoryCacheTest {

    /** Listing refs with Git protocol v2 over HTTP. */
    static final GitHttpServer.Request[] LIST_REFS = {
            new GitHttpServer.Request("GET", "/apps.git/info/refs?service=git-upload-pack"),
            new GitHttpServer.Request("POST", "/apps.git/git-upload-pack")};

    @TempDir
    Path temp;

    GitHttpServer server;
    RepositoryCache cache;
    HostedRepository apps;
    String main1;
    String main2;
    String feature;
    String release100;
    String release123;
    String rc200;

    @BeforeEach
    void serveARepository() throws Exception {
        server = GitHttpServer.start(temp.resolve("server"));
        cache = new RepositoryCache(temp.resolve("cache"));
        apps = server.create("apps");
        main1 = Fixtures.apps("1").commitTo(apps, "main");
        release100 = main1;
        apps.tag("v1.0.0", main1);
        main2 = Fixtures.apps("2").commitTo(apps, "main");
        release123 = main2;
        apps.annotatedTag("v1.2.3", main2);
        apps.tag("1.1.0", main1);
        feature = Fixtures.apps("feature").commitTo(apps, "feature");
        rc200 = feature;
        apps.annotatedTag("v2.0.0-rc.1", feature);
        apps.tag("not-a-version", feature);
        apps.setDefaultBranch("main");
    }

    @AfterEach
    void stop() throws Exception {
        cache.close();
        server.close();
    }

    @Test
    void resolves_a_branch_to_the_commit_it_points_at() {
        assertThat(resolve("main")).isEqualTo(main2);
        assertThat(resolve("feature")).isEqualTo(feature);
        assertThat(resolve("refs/heads/feature")).isEqualTo(feature);
    }

    @Test
    void resolves_head_and_an_empty_revision_to_the_remote_default_branch() {
        assertThat(resolve("HEAD")).isEqualTo(main2);
        assertThat(resolve("")).isEqualTo(main2);
        assertThat(cache.resolve(server.url("apps"), null, RepositoryCredentials.none()).sha()).isEqualTo(main2);

        apps.setDefaultBranch("feature");

        assertThat(resolve("HEAD")).isEqualTo(feature);
    }

    @Test
    void resolves_lightweight_and_annotated_tags_to_their_commits() {
        assertThat(resolve("v1.0.0")).isEqualTo(release100);
        assertThat(resolve("v1.2.3")).isEqualTo(release123);
        assertThat(resolve("v2.0.0-rc.1")).isEqualTo(rc200);
    }

    @Test
    void resolves_a_full_or_an_abbreviated_sha() {
        assertThat(resolve(main1)).isEqualTo(main1);
        assertThat(resolve(main1.substring(0, 7))).isEqualTo(main1);
        assertThat(resolve(main1.substring(0, 12).toUpperCase())).isEqualTo(main1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            *                   ; v1.2.3
            ^1.0                ; v1.2.3
            ~1.0                ; v1.0.0
            1.1.*               ; 1.1.0
            1.2.*               ; v1.2.3
            >=1.0.0 <1.2.0      ; 1.1.0
            >=1.0.0 <2.0.0      ; v1.2.3
            >=2.0.0-0           ; v2.0.0-rc.1
            ^2.0.0-rc.0         ; v2.0.0-rc.1
            """)
    void resolves_a_version_range_to_the_highest_tag_in_it(String range, String tag) {
        assertThat(resolve(range)).isEqualTo(apps.head("refs/tags/" + tag) == null ? null : resolve(tag));
    }

    @Test
    void refuses_a_revision_that_names_nothing_as_revision_not_found() {
        for (String revision : List.of("no-such-branch", "v9.9.9", "^3.0", "0000000000000000000000000000000000000000", "deadbeef")) {
            assertThatThrownBy(() -> resolve(revision))
                    .as(revision)
                    .isInstanceOfSatisfying(GitException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND);
                        assertThat(e.isTransient()).isFalse();
                    })
                    .hasMessageContaining(server.url("apps"));
        }
    }

    @Test
    void sees_a_new_commit_on_the_next_resolve_by_fetching_into_the_same_repository() throws Exception {
        assertThat(resolve("main")).isEqualTo(main2);
        Path cached = cache.directoryOf(server.url("apps"));
        Path marker = Files.writeString(cached.resolve("capstan-test-marker"), "still here");
        server.forgetRequests();

        String main3 = Fixtures.apps("3").commitTo(apps, "main");

        assertThat(resolve("main")).isEqualTo(main3);
        assertThat(marker).exists().hasContent("still here");
        assertThat(cache.directoryOf(server.url("apps"))).isEqualTo(cached);
        assertThat(server.requests()).as("listed the refs, then fetched").anyMatch(r -> r.uri().endsWith("/git-upload-pack") && r.method().equals("POST"));
        try (var files = Files.list(cached.getParent())) {
            assertThat(files.filter(Files::isDirectory).toList()).as("one repository in the cache").containsExactly(cached);
        }
    }

    @Test
    void only_lists_the_refs_when_nothing_moved() {
        resolve("main");
        server.forgetRequests();

        assertThat(resolve("v1.2.3")).isEqualTo(release123);

        assertThat(server.requests()).as("the capabilities and the ref list, no fetch").containsExactly(LIST_REFS);
    }

    @Test
    void fetches_only_when_a_ref_moved() {
        resolve("main");
        Fixtures.apps("moved").commitTo(apps, "feature");
        server.forgetRequests();

        resolve("main");

        assertThat(server.requests()).hasSizeGreaterThan(LIST_REFS.length).startsWith(LIST_REFS);
    }

    @Test
    void costs_no_request_for_a_full_sha_already_in_the_cache() {
        resolve("main");
        server.forgetRequests();

        assertThat(resolve(main1)).isEqualTo(main1);

        assertThat(server.requests()).isEmpty();
    }

    @Test
    void forgets_a_branch_deleted_on_the_remote() {
        assertThat(resolve("feature")).isEqualTo(feature);

        apps.deleteRef("refs/heads/feature");

        assertThatThrownBy(() -> resolve("feature"))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND));
    }

    @Test
    void follows_a_branch_force_pushed_to_an_unrelated_commit() {
        resolve("feature");
        apps.deleteRef("refs/heads/feature");
        String rewritten = Fixtures.apps("rewritten").commitTo(apps, "feature");

        assertThat(resolve("feature")).isEqualTo(rewritten);
    }

    @Test
    void reads_the_files_of_a_commit_and_renders_them() {
        Commit commit = cache.resolve(server.url("apps"), "main", RepositoryCredentials.none());

        SourceTree tree = cache.tree(server.url("apps"), commit, "apps/web", RepositoryCredentials.none());
        RenderResult result = new DirectoryRenderer().render(tree, "apps/web", DirectoryOptions.defaults());

        assertThat(result.manifests()).extracting(m -> m.key().toString())
                .containsExactly("ConfigMap/default/web-config", "Deployment.apps/default/web");
        assertThat(result.manifests().getFirst().origin().file()).isEqualTo("apps/web/config.yaml");
    }

    @Test
    void refuses_an_application_path_missing_from_the_commit_as_path_not_found() {
        Commit commit = cache.resolve(server.url("apps"), "main", RepositoryCredentials.none());

        assertThatThrownBy(() -> cache.tree(server.url("apps"), commit, "apps/missing", RepositoryCredentials.none()))
                .isInstanceOfSatisfying(GitException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PATH_NOT_FOUND);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessage("path 'apps/missing' is not in commit " + commit.shortSha() + " of " + server.url("apps"));
        assertThatThrownBy(() -> cache.tree(server.url("apps"), commit, "apps/web/deployment.yaml", RepositoryCredentials.none()))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_NOT_FOUND))
                .hasMessageContaining("a file, not a directory");
    }

    @Test
    void fetches_a_commit_not_yet_in_the_cache_before_reading_it() {
        String main3 = Fixtures.apps("3").commitTo(apps, "main");
        RepositoryCache fresh = new RepositoryCache(temp.resolve("other-cache"));
        try (fresh) {
            SourceTree tree = fresh.tree(server.url("apps"), new Commit(main3), ".", RepositoryCredentials.none());
            assertThat(new String(tree.read("apps/web/config.yaml", 10_000))).contains("revision: \"3\"");
        }
    }

    @Test
    void refuses_a_commit_the_repository_does_not_have_as_revision_not_found() {
        Commit unknown = new Commit("0123456789012345678901234567890123456789");

        assertThatThrownBy(() -> cache.tree(server.url("apps"), unknown, ".", RepositoryCredentials.none()))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND));
    }

    @Test
    void keeps_one_cache_for_spellings_of_one_url() {
        resolve("main");
        String url = server.url("apps");

        assertThat(cache.directoryOf(url.replace(".git", "")))
                .isEqualTo(cache.directoryOf(url))
                .isEqualTo(cache.directoryOf(url + "/"))
                .isEqualTo(cache.directoryOf(url.replace("http://127.0.0.1", "HTTP://user:pw@127.0.0.1")));
    }

    @Test
    void survives_a_restart_by_reopening_the_repository_on_disk() {
        resolve("main");
        cache.close();
        server.forgetRequests();

        try (RepositoryCache reopened = new RepositoryCache(temp.resolve("cache"))) {
            assertThat(reopened.resolve(server.url("apps"), main1, RepositoryCredentials.none()).sha()).isEqualTo(main1);
            assertThat(reopened.resolve(server.url("apps"), "main", RepositoryCredentials.none()).sha()).isEqualTo(main2);
        }
        assertThat(server.requests()).as("no fetch after a restart when nothing moved").containsExactly(LIST_REFS);
    }

    @Test
    void a_lookup_takes_the_lock_only_when_the_remote_moved() throws Exception {
        cache.close();
        cache = new RepositoryCache(temp.resolve("cache"), RepositoryCacheOptions.defaults().withLockTimeout(Duration.ofMillis(300)));
        assertThat(resolve("main")).isEqualTo(main2);
        Path lockFile = Path.of(cache.directoryOf(server.url("apps")) + ".lock");
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try (RepositoryLock _ = RepositoryLock.acquire(lockFile, Duration.ofSeconds(5), "the test's hold")) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String main3;
        try {
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(resolve("main")).as("the remote advertises what the cache holds").isEqualTo(main2);

            main3 = Fixtures.apps("3").commitTo(apps, "main");
            assertThatThrownBy(() -> resolve("main")).as("a new commit has to be fetched, under the lock")
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(resolve("main")).isEqualTo(main3);
    }

    private String resolve(String revision) {
        return cache.resolve(server.url("apps"), revision, RepositoryCredentials.none()).sha();
    }
}
