package dev.capstan.git;

import java.util.Objects;

/**
 * Git could not do what was asked, classified by {@link Reason} so that one translation point
 * can turn it into an Application condition and decide whether to retry. The message names the
 * repository by its URL without any user or password, and neither the message nor any cause's
 * message holds a credential.
 */
public final class GitException extends RuntimeException {

    public enum Reason {
        /** The server refused the credentials, or wanted some and got none; or an SSH host key was not trusted. */
        AUTHENTICATION_FAILED(false),
        /** The server answered that there is no such repository. */
        REPOSITORY_NOT_FOUND(false),
        /** The server could not be reached: unknown host, connection refused or reset. */
        UNREACHABLE(true),
        /** No branch, tag or commit by that name, or no tag in the version range. */
        REVISION_NOT_FOUND(false),
        /** The application's path is not a directory in the commit. */
        PATH_NOT_FOUND(false),
        /** The server stopped answering within the timeout, or the repository stayed locked. */
        TIMEOUT(true),
        /** Anything else: a malformed URL, an unsupported protocol, a broken cache. */
        OTHER(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether the same request may work later (retry with back-off) rather than needing the user. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public GitException(Reason reason, String message) {
        this(reason, message, null);
    }

    public GitException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public boolean isTransient() {
        return reason.isTransient();
    }
}
