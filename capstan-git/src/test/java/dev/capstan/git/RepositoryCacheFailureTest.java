package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.capstan.git.GitException.Reason;
import dev.capstan.git.serve.GitHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong talking to a server, classified, and never with a credential in the message. */
class RepositoryCacheFailureTest {

    static final String USER = "deployer";
    static final String PASSWORD = "s3cr3t-Passw0rd-9f8e7d";
    static final String WRONG = "wr0ng-Guess-1a2b3c4d";

    @TempDir
    Path temp;

    GitHttpServer server;
    RepositoryCache cache;
    String commit;

    @BeforeEach
    void servePrivateRepository() throws Exception {
        server = GitHttpServer.start(temp.resolve("server"));
        cache = new RepositoryCache(temp.resolve("cache"), RepositoryCacheOptions.defaults().withTimeout(Duration.ofSeconds(1)));
        commit = Fixtures.apps("1").commitTo(server.createPrivate("private", USER, PASSWORD), "main");
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
    }

    @Test
    void resolves_a_private_repository_with_the_right_password() {
        assertThat(cache.resolve(server.url("private"), "main", RepositoryCredentials.https(USER, PASSWORD)).sha()).isEqualTo(commit);
    }

    @Test
    void takes_a_user_and_password_written_into_the_url_as_credentials() {
        String url = server.url("private").replace("http://", "http://" + USER + ":" + PASSWORD + "@");

        assertThat(cache.resolve(url, "main", RepositoryCredentials.none()).sha()).isEqualTo(commit);
    }

    @Test
    void refuses_a_wrong_password_as_authentication_failed() {
        GitException e = failure(() -> cache.resolve(server.url("private"), "main", RepositoryCredentials.https(USER, WRONG)));

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasMessage("authentication failed while listing the refs of " + server.url("private") + ": not authorized");
        assertThat(everythingPrintedAbout(e)).doesNotContain(WRONG);
    }

    @Test
    void refuses_no_credentials_for_a_private_repository_as_authentication_failed() {
        GitException e = failure(() -> cache.resolve(server.url("private"), "main", RepositoryCredentials.none()));

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void reports_an_unknown_repository_as_repository_not_found() {
        GitException e = failure(() -> cache.resolve(server.url("nothing-here"), "main", RepositoryCredentials.none()));

        assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_NOT_FOUND);
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasMessageContaining(server.url("nothing-here"));
    }

    @Test
    void reports_a_closed_port_as_unreachable_and_transient() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        GitException e = failure(() -> cache.resolve("http://127.0.0.1:" + closed + "/apps.git", "main", RepositoryCredentials.none()));

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.isTransient()).isTrue();
        assertThat(e).hasMessageStartingWith("cannot reach the server while listing the refs of http://127.0.0.1:" + closed + "/apps.git");
    }

    @Test
    void reports_a_server_that_never_answers_as_timeout_and_transient() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            GitException e = failure(() -> cache.resolve("http://127.0.0.1:" + silent.getLocalPort() + "/apps.git", "main", RepositoryCredentials.none()));

            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.isTransient()).isTrue();
        }
    }

    @Test
    void refuses_a_local_path_or_file_url() {
        for (String url : List.of("/srv/git/apps.git", "file:///srv/git/apps.git", "../apps", "")) {
            assertThatThrownBy(() -> cache.resolve(url, "main", RepositoryCredentials.none()))
                    .as(url)
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OTHER));
        }
    }

    @Test
    void never_puts_a_password_into_a_message_or_a_cause() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String withWrongPassword = server.url("private").replace("http://", "http://" + USER + ":" + WRONG + "@");
        List<ThrowingCallable> failures = List.of(
                () -> cache.resolve(server.url("private"), "main", RepositoryCredentials.https(USER, WRONG)),
                () -> cache.resolve(withWrongPassword, "main", RepositoryCredentials.none()),
                () -> cache.resolve(server.url("nothing").replace("http://", "http://" + USER + ":" + WRONG + "@"), "main", RepositoryCredentials.none()),
                () -> cache.resolve("http://" + USER + ":" + WRONG + "@127.0.0.1:" + closed + "/x.git", "main", RepositoryCredentials.none()),
                () -> cache.resolve("http://" + WRONG + "@127.0.0.1:" + closed + "/x.git", "main", RepositoryCredentials.none()),
                () -> cache.resolve("ftp://" + USER + ":" + WRONG + "@127.0.0.1/x.git", "main", RepositoryCredentials.none()),
                () -> cache.resolve("http://" + USER + ":" + WRONG + "@127.0.0.1:" + closed + "/x.git", "main", RepositoryCredentials.https(USER, WRONG)),
                () -> cache.resolve(server.url("private"), "no-such-branch", RepositoryCredentials.https(USER, PASSWORD)),
                () -> cache.tree(withWrongPassword.replace(WRONG, PASSWORD), new Commit(commit), "nowhere", RepositoryCredentials.none()));

        for (ThrowingCallable failing : failures) {
            GitException e = failure(failing);
            String printed = everythingPrintedAbout(e);
            assertThat(printed).as(printed).doesNotContain(WRONG).doesNotContain(PASSWORD).doesNotContain(USER + ":");
        }
    }

    @Test
    void keeps_no_credential_anywhere_in_the_cache_directory() throws IOException {
        String url = server.url("private").replace("http://", "http://" + USER + ":" + PASSWORD + "@");
        cache.resolve(url, "main", RepositoryCredentials.none());
        cache.resolve(server.url("private"), "main", RepositoryCredentials.https(USER, PASSWORD));

        try (Stream<Path> files = Files.walk(temp.resolve("cache"))) {
            for (Path file : files.toList()) {
                assertThat(file.toString()).doesNotContain(PASSWORD).doesNotContain(USER);
                if (Files.isRegularFile(file)) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(PASSWORD);
                }
            }
        }
    }

    @Test
    void shows_no_secret_when_credentials_are_printed() {
        assertThat(RepositoryCredentials.https(USER, PASSWORD).toString()).doesNotContain(PASSWORD).doesNotContain(USER);
        assertThat(RepositoryCredentials.sshKey("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n", "pass-phrase-123", "host ssh-ed25519 AAAA")
                .toString()).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA").doesNotContain("pass-phrase-123");
    }

    private static GitException failure(ThrowingCallable call) {
        GitException e = catchThrowableOfType(GitException.class, call);
        assertThat(e).as("expected a GitException").isNotNull();
        return e;
    }

    /** The messages and string forms of the exception, its causes and suppressed ones, and the printed stack trace. */
    private static String everythingPrintedAbout(Throwable e) {
        var parts = new ArrayList<String>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            parts.add(String.valueOf(t.getMessage()));
            parts.add(t.getLocalizedMessage());
            parts.add(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                parts.add(everythingPrintedAbout(suppressed));
            }
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        parts.add(trace.toString());
        return String.join("\n", parts);
    }
}
