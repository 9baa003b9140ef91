package dev.capstan.engine.cluster;

import dev.capstan.engine.ResourceKey;

/**
 * A failure of a request to the cluster, classified once (in the cluster client) so that the
 * rest of the engine decides by {@link Reason}: retry a transient one, report a terminal one.
 */
public final class ClusterException extends RuntimeException {

    public enum Reason {
        /** The object or its namespace does not exist. */
        NOT_FOUND(false),
        /** Another writer changed the object (optimistic concurrency) or a field-ownership conflict. */
        CONFLICT(true),
        /** The server rejected the object as invalid (schema, validation, admission). */
        INVALID(false),
        /** The change touches a field the server does not allow to change. */
        IMMUTABLE_FIELD(false),
        /** The server does not serve this kind (yet): a CRD that is missing or not established. */
        UNKNOWN_KIND(false),
        /** The credentials are not accepted. */
        UNAUTHORIZED(false),
        /** The credentials are accepted but not allowed to do this. */
        FORBIDDEN(false),
        /** Time-outs, throttling, unavailable server, connection errors: worth a retry with back-off. */
        TRANSIENT(true),
        /** Anything else. */
        OTHER(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;
    private final ResourceKey key;

    public ClusterException(Reason reason, ResourceKey key, String message, Throwable cause) {
        super((key == null ? "" : key + ": ") + message, cause);
        this.reason = reason;
        this.key = key;
    }

    public Reason reason() {
        return reason;
    }

    /** The object the request was about, or null for requests about no one object. */
    public ResourceKey key() {
        return key;
    }
}
