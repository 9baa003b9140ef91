package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many resolves of one repository at once leave one sound cache; {@link RepositoryLockTest} covers other processes. */
class ConcurrentResolveTest {

    @TempDir
    Path temp;

    GitHttpServer server;
    HostedRepository apps;
    String url;

    @BeforeEach
    void serve() throws Exception {
        server = GitHttpServer.start(temp.resolve("server"));
        apps = server.create("apps");
        Fixtures.apps("1").commitTo(apps, "main");
        apps.setDefaultBranch("main");
        url = server.url("apps");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void threads_resolving_one_new_repository_at_once_create_and_fetch_it_once() throws Exception {
        String main = Fixtures.apps("2").commitTo(apps, "main");
        int threads = 8;
        try (RepositoryCache cache = new RepositoryCache(temp.resolve("cache"))) {
            List<String> resolved = all(threads, () -> cache.resolve(url, "main", RepositoryCredentials.none()).sha());

            assertThat(resolved).hasSize(threads).containsOnly(main);
            assertThat(server.requests().stream().filter(r -> r.method().equals("GET")))
                    .as("one ref listing per resolve and exactly one fetch").hasSize(threads + 1);
            assertSound(cache.directoryOf(url));
        }
    }

    @Test
    void two_caches_on_one_directory_follow_a_moving_branch_while_threads_resolve() throws Exception {
        try (RepositoryCache first = new RepositoryCache(temp.resolve("cache")); RepositoryCache second = new RepositoryCache(temp.resolve("cache"))) {
            ExecutorService pool = Executors.newFixedThreadPool(7);
            try {
                var start = new CountDownLatch(1);
                var results = new ArrayList<Future<List<String>>>();
                results.add(pool.submit(() -> {
                    start.await();
                    var pushed = new ArrayList<String>();
                    for (int i = 0; i < 5; i++) {
                        pushed.add(Fixtures.apps("pushed " + i).commitTo(apps, "main"));
                    }
                    return pushed;
                }));
                for (int t = 0; t < 6; t++) {
                    RepositoryCache cache = t % 2 == 0 ? first : second;
                    results.add(pool.submit(() -> {
                        start.await();
                        var seen = new ArrayList<String>();
                        for (int i = 0; i < 5; i++) {
                            seen.add(cache.resolve(url, "main", RepositoryCredentials.none()).sha());
                        }
                        return seen;
                    }));
                }
                start.countDown();
                List<String> pushed = results.getFirst().get(60, TimeUnit.SECONDS);
                for (Future<List<String>> result : results.subList(1, results.size())) {
                    assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(5);
                }

                assertThat(first.resolve(url, "main", RepositoryCredentials.none()).sha()).isEqualTo(pushed.getLast());
                assertThat(second.resolve(url, "main", RepositoryCredentials.none()).sha()).isEqualTo(pushed.getLast());
                assertSound(first.directoryOf(url));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static <T> List<T> all(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every object reachable from every branch and tag is present and readable, as {@code git fsck --connectivity-only} checks. */
    private static void assertSound(Path gitDir) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().setMustExist(true).build();
                ObjectWalk walk = new ObjectWalk(repository)) {
            List<Ref> refs = repository.getRefDatabase().getRefsByPrefix("refs/");
            assertThat(refs).isNotEmpty();
            for (Ref ref : refs) {
                walk.markStart(walk.parseAny(ref.getObjectId()));
            }
            int objects = 0;
            while (walk.next() != null) {
                objects++;
            }
            RevObject object;
            while ((object = walk.nextObject()) != null) {
                ObjectId id = object.getId();
                assertThat(repository.getObjectDatabase().open(id).getSize()).isNotNegative();
                objects++;
            }
            assertThat(objects).isPositive();
        }
    }
}
