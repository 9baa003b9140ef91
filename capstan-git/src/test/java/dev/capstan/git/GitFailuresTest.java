package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.git.GitException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GitFailuresTest {

    static final RepositoryUrl URL = RepositoryUrl.parse("https://git.example/apps.git");
    static final String TOKEN = "ghp_0123456789abcdefSECRET";

    static Stream<Arguments> failures() throws Exception {
        URIish uri = new URIish("https://bot:" + TOKEN + "@git.example/apps.git");
        return Stream.of(
                Arguments.of(new TransportException(uri, "not authorized"), Reason.AUTHENTICATION_FAILED),
                Arguments.of(new TransportException(uri, "Authentication is required but no CredentialsProvider has been registered"), Reason.AUTHENTICATION_FAILED),
                Arguments.of(new TransportException("git-upload-pack not permitted on 'https://git.example/apps.git/'"), Reason.AUTHENTICATION_FAILED),
                Arguments.of(new TransportException("ssh://git@git.example:22: No more authentication methods available"), Reason.AUTHENTICATION_FAILED),
                Arguments.of(new NoRemoteRepositoryException(uri, "not found."), Reason.REPOSITORY_NOT_FOUND),
                Arguments.of(new TransportException(uri, "connection failed", new ConnectException("Connection refused")), Reason.UNREACHABLE),
                Arguments.of(new TransportException(uri, "unknown host", new UnknownHostException("git.example")), Reason.UNREACHABLE),
                Arguments.of(new TransportException(uri, "Read timed out after 1,000 ms", new SocketTimeoutException("Read timed out")), Reason.TIMEOUT),
                Arguments.of(new TransportException("Connection time out: git.example"), Reason.TIMEOUT),
                Arguments.of(new InterruptedIOException("interrupted"), Reason.TIMEOUT),
                Arguments.of(new NotSupportedException("URI not supported: gopher://git.example"), Reason.OTHER),
                Arguments.of(new IOException("disk full"), Reason.OTHER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void classifies_what_jgit_throws_and_redacts_it(Throwable failure, Reason reason) {
        GitException e = GitFailures.classify(failure, "fetching", URL, Redaction.of("https://bot:" + TOKEN + "@git.example/apps.git", RepositoryCredentials.none()));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e).hasMessageStartingWith(e.getMessage().substring(0, e.getMessage().indexOf(" while ")) + " while fetching https://git.example/apps.git");
        assertThat(messagesOf(e)).noneMatch(message -> message.contains(TOKEN) || message.contains("bot:") || message.contains("bot@"));
        assertThat(e.getCause()).isInstanceOf(Redaction.RedactedCause.class).hasMessageStartingWith(failure.getClass().getName());
        assertThat(e.getCause().getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    @Test
    void knows_which_reasons_are_worth_a_retry() {
        assertThat(Stream.of(Reason.values()).filter(Reason::isTransient)).containsExactlyInAnyOrder(Reason.UNREACHABLE, Reason.TIMEOUT);
    }

    @Test
    void passes_a_git_exception_through_unchanged() {
        GitException original = new GitException(Reason.PATH_NOT_FOUND, "path 'x' is not in commit 1234567 of https://git.example/apps.git");

        assertThat(GitFailures.classify(original, "fetching", URL, Redaction.of(null, RepositoryCredentials.none()))).isSameAs(original);
    }

    @Test
    void redacts_suppressed_exceptions_and_deep_causes() {
        var deep = new IOException("wrapped https://bot:" + TOKEN + "@git.example/apps.git", new IOException("token " + TOKEN));
        var failure = new TransportException("failed");
        failure.initCause(deep);
        failure.addSuppressed(new IOException("closing with " + TOKEN));

        GitException e = GitFailures.classify(failure, "fetching", URL, Redaction.of(null, RepositoryCredentials.https("bot", TOKEN)));

        assertThat(messagesOf(e)).hasSizeGreaterThan(3).noneMatch(message -> message.contains(TOKEN));
        assertThat(e.getCause().getSuppressed()).hasSize(1);
        assertThat(e.getCause().getCause().getCause()).hasMessage("java.io.IOException: token ***");
    }

    private static List<String> messagesOf(Throwable e) {
        var messages = new ArrayList<String>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
            messages.add(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                messages.addAll(messagesOf(suppressed));
            }
        }
        return messages;
    }
}
