package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import java.util.Objects;

/**
 * A source that cannot be rendered, classified by {@link Reason} so that one translation point
 * can turn it into an Application condition. The message starts with {@code file:line:} when the
 * place is known, so the user can go straight to it.
 */
public final class RenderException extends RuntimeException {

    public enum Reason {
        /** The application's path, or a file it needs, does not exist (or is the wrong type). */
        NOT_FOUND(false),
        /** A path with {@code ..} or an absolute path, or a symbolic link out of the source root. */
        PATH_OUTSIDE_ROOT(false),
        /** A file is not valid YAML or JSON. */
        MALFORMED(false),
        /** A document is not a Kubernetes object: not a mapping, or no apiVersion, kind or name. */
        INVALID_OBJECT(false),
        /** The same object (group, kind, namespace, name) is defined twice. */
        DUPLICATE(false),
        /** A file, the files together, or the number of objects is over its limit. */
        TOO_LARGE(false),
        /** The render options are invalid, such as a glob pattern that does not parse. */
        INVALID_OPTIONS(false),
        /** A rendering tool (kustomize, helm) refused the source; its own message says why. */
        TOOL_FAILED(false),
        /** A rendering tool ran past its time limit and was stopped; may work on a retry. */
        TIMEOUT(true),
        /** Reading the source failed; may work on a retry. */
        IO(true);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;
    private final Origin origin;

    public RenderException(Reason reason, Origin origin, String message) {
        this(reason, origin, message, null);
    }

    public RenderException(Reason reason, Origin origin, String message, Throwable cause) {
        super(prefix(origin) + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.origin = origin == null ? Origin.NONE : origin;
    }

    public Reason reason() {
        return reason;
    }

    /** Where the problem is, relative to the source root; {@link Origin#NONE} when it is nowhere in particular. */
    public Origin origin() {
        return origin;
    }

    private static String prefix(Origin origin) {
        return origin == null || !origin.isKnown() ? "" : origin + ": ";
    }
}
