package dev.capstan.git;

import dev.capstan.git.GitException.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;

/**
 * The one place that turns what JGit and SSH throw into a {@link GitException}: it picks the
 * {@link Reason} from the exception types and messages along the cause chain, names the
 * repository by its URL without user information, and attaches only a redacted copy of the cause.
 */
final class GitFailures {

    private GitFailures() {
    }

    /** {@code failure}, met while {@code doing} something (such as "fetching") with {@code url}. */
    static GitException classify(Throwable failure, String doing, RepositoryUrl url, Redaction redaction) {
        if (failure instanceof GitException known) {
            return known;
        }
        Reason reason = reason(failure);
        String detail = Optional.ofNullable(rootMessage(failure)).map(redaction::apply)
                .map(message -> withoutLeadingUrl(message, url))
                .map(GitFailures::explained)
                .map(message -> ": " + message).orElse("");
        return new GitException(reason, describe(reason) + " while " + doing + " " + url + detail, redaction.cause(failure));
    }

    static Reason reason(Throwable failure) {
        return first(failure, GitFailures::byType)
                .or(() -> first(failure, GitFailures::byMessage))
                .orElse(Reason.OTHER);
    }

    private static Optional<Reason> byType(Throwable t) {
        return switch (t) {
            case NoRemoteRepositoryException e -> Optional.of(Reason.REPOSITORY_NOT_FOUND);
            case SocketTimeoutException e -> Optional.of(Reason.TIMEOUT);
            case UnknownHostException e -> Optional.of(Reason.UNREACHABLE);
            case ConnectException e -> Optional.of(Reason.UNREACHABLE);
            case NoRouteToHostException e -> Optional.of(Reason.UNREACHABLE);
            case PortUnreachableException e -> Optional.of(Reason.UNREACHABLE);
            case NotSupportedException e -> Optional.of(Reason.OTHER);
            default -> Optional.empty();
        };
    }

    private static Optional<Reason> byMessage(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("not authorized") || message.contains("authentication is required")
                || message.contains("authentication not supported") || message.contains("not permitted")
                || message.contains("unauthorized") || message.contains("no more authentication methods")
                || message.contains("server key did not validate") || message.contains("auth fail")) {
            return Optional.of(Reason.AUTHENTICATION_FAILED);
        }
        if (message.contains("repository not found") || message.contains("does not appear to be a git repository")
                || message.contains("not found.")) {
            return Optional.of(Reason.REPOSITORY_NOT_FOUND);
        }
        if (message.contains("timed out") || message.contains("time out") || message.contains("timeout")
                || t instanceof InterruptedIOException) {
            return Optional.of(Reason.TIMEOUT);
        }
        if (t instanceof SocketException || message.contains("connection refused") || message.contains("connection reset")
                || message.contains("unknown host")) {
            return Optional.of(Reason.UNREACHABLE);
        }
        return Optional.empty();
    }

    private static Optional<Reason> first(Throwable failure, Function<Throwable, Optional<Reason>> rule) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            Optional<Reason> reason = rule.apply(t);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    /** The innermost message, which says most about what went wrong (JGit wraps it with the URL). */
    private static String rootMessage(Throwable failure) {
        String message = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /** Says what a terse SSH message means for the user. */
    private static String explained(String message) {
        return message.equals("Server key did not validate")
                ? "the server's host key is not in the known_hosts given with the credentials (" + message + ")"
                : message;
    }

    /** JGit starts many messages with the URL, which the message already names. */
    private static String withoutLeadingUrl(String message, RepositoryUrl url) {
        for (String prefix : new String[] {url + ": ", Redaction.withoutUserInfo(url.forConnection().toString()) + ": "}) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    private static String describe(Reason reason) {
        return switch (reason) {
            case AUTHENTICATION_FAILED -> "authentication failed";
            case REPOSITORY_NOT_FOUND -> "repository not found";
            case UNREACHABLE -> "cannot reach the server";
            case REVISION_NOT_FOUND -> "revision not found";
            case PATH_NOT_FOUND -> "path not found";
            case TIMEOUT -> "timed out";
            case OTHER -> "failed";
        };
    }
}
