package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.git.GitException.Reason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLockTest {

    @TempDir
    Path temp;

    @Test
    void keeps_a_second_thread_out_until_the_first_releases() throws Exception {
        Path file = temp.resolve("repo.lock");
        RepositoryLock held = RepositoryLock.acquire(file, Duration.ofSeconds(5), "the repository");

        CompletableFuture<GitException> blocked = CompletableFuture.supplyAsync(() -> {
            try (RepositoryLock _ = RepositoryLock.acquire(file, Duration.ofMillis(200), "the repository")) {
                return null;
            } catch (GitException e) {
                return e;
            }
        });
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isNotNull()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("the cache of the repository stayed locked by another fetch for 200 ms");

        held.close();
        CompletableFuture<Boolean> after = CompletableFuture.supplyAsync(() -> {
            try (RepositoryLock _ = RepositoryLock.acquire(file, Duration.ofSeconds(5), "the repository")) {
                return true;
            }
        });
        assertThat(after.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void lets_the_same_thread_take_it_again() {
        Path file = temp.resolve("repo.lock");
        try (RepositoryLock _ = RepositoryLock.acquire(file, Duration.ofSeconds(1), "the repository");
                RepositoryLock _ = RepositoryLock.acquire(file, Duration.ofSeconds(1), "the repository")) {
            assertThat(file).exists();
        }
    }

    @Test
    void keeps_this_process_out_while_another_process_holds_it() throws Exception {
        Path file = temp.resolve("repo.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                Writer input = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(output.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> RepositoryLock.acquire(file, Duration.ofMillis(300), "the repository").close())
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));

            input.write("release\n");
            input.flush();
            assertThat(output.readLine()).isEqualTo("released");
            try (RepositoryLock _ = RepositoryLock.acquire(file, Duration.ofSeconds(5), "the repository")) {
                assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            holder.destroyForcibly();
        }
    }
}
