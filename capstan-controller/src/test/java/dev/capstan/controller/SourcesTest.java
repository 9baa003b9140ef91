package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.Commit;
import dev.capstan.git.GitException;
import dev.capstan.git.GitSources;
import dev.capstan.git.RepositoryCredentials;

class SourcesTest {

    private final List<String> lookups = new ArrayList<>();
    private final GitSources git = new GitSources() {
        @Override
        public Commit resolve(String url, String revision, RepositoryCredentials credentials) {
            lookups.add(url + "@" + revision);
            return new Commit("a".repeat(39) + lookups.size());
        }

        @Override
        public SourceTree tree(String url, Commit commit, String path, RepositoryCredentials credentials) {
            throw new UnsupportedOperationException();
        }
    };
    private final Sources sources = new Sources(git, Credentials.NONE, null, () -> "");

    @Test
    void applications_following_one_revision_share_a_lookup_while_it_is_fresh_enough() {
        Instant start = Instant.now();
        String first = sources.resolve(source("https://git.example.com/a.git"), "main", start.minusSeconds(60));
        String again = sources.resolve(source("https://git.example.com/a.git"), "main", start.minusSeconds(60));
        sources.resolve(source("https://git.example.com/a.git"), "release", start.minusSeconds(60));

        assertThat(again).isEqualTo(first);
        assertThat(lookups).containsExactly("https://git.example.com/a.git@main", "https://git.example.com/a.git@release");
    }

    @Test
    void a_refresh_asks_for_a_lookup_made_after_it() {
        sources.resolve(source("https://git.example.com/a.git"), "main", Instant.now().minusSeconds(60));
        Instant refreshedAt = Instant.now().plusMillis(1);

        sources.resolve(source("https://git.example.com/a.git"), "main", refreshedAt);

        assertThat(lookups).hasSize(2);
    }

    @Test
    void those_asking_while_a_lookup_is_under_way_wait_for_its_answer() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var slow = new Sources(new BlockingGit(calls, entered, release, null), Credentials.NONE, null, () -> "");
        Instant before = Instant.now().minusSeconds(60);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = threads.submit(() -> slow.resolve(source("https://git.example.com/a.git"), "main", before));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> second = threads.submit(() -> slow.resolve(source("https://git.example.com/a.git"), "main", before));
            Thread.sleep(100); // the second is waiting, not looking up
            assertThat(calls).hasValue(1);

            release.countDown();
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first.get(5, TimeUnit.SECONDS));
        }
        assertThat(calls).hasValue(1);
        Instant later = Instant.now().plusMillis(5);
        Thread.sleep(10);
        slow.resolve(source("https://git.example.com/a.git"), "main", later);
        assertThat(calls).as("a lookup from before the time asked for is not enough").hasValue(2);
    }

    @Test
    void a_failed_lookup_fails_those_who_waited_for_it_with_the_same_error() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var failure = new GitException(GitException.Reason.UNREACHABLE, "cannot reach https://git.example.com/a.git");
        var failing = new Sources(new BlockingGit(calls, entered, release, failure), Credentials.NONE, null, () -> "");
        Instant before = Instant.now().minusSeconds(60);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = threads.submit(() -> failing.resolve(source("https://git.example.com/a.git"), "main", before));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> second = threads.submit(() -> failing.resolve(source("https://git.example.com/a.git"), "main", before));
            Thread.sleep(100);
            release.countDown();
            assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCause(failure);
            assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCause(failure);
        }
        assertThat(calls).hasValue(1);
    }

    /** Counts lookups; the first waits for {@code release} and then answers (or throws {@code failure}). */
    private record BlockingGit(AtomicInteger calls, CountDownLatch entered, CountDownLatch release, GitException failure)
            implements GitSources {
        @Override
        public Commit resolve(String url, String revision, RepositoryCredentials credentials) {
            int call = calls.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failure != null) {
                throw failure;
            }
            return new Commit("b".repeat(39) + call);
        }

        @Override
        public SourceTree tree(String url, Commit commit, String path, RepositoryCredentials credentials) {
            throw new UnsupportedOperationException();
        }
    }

    private static ApplicationSource source(String url) {
        var source = new ApplicationSource();
        source.setRepoURL(url);
        return source;
    }
}
