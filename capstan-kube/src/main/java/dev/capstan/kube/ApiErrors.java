package dev.capstan.kube;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.cluster.ClusterException.Reason;

/**
 * The one place where failures of API requests become {@link ClusterException}s with a reason.
 * Public for the CLI, which talks to the API server through the fabric8 client directly when it
 * edits Capstan's own resources.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The failure of {@code action} (a verb: "get", "update") on {@code key}, classified; a ClusterException as is. */
    public static ClusterException classify(ResourceKey key, String action, RuntimeException error) {
        if (error instanceof ClusterException known) {
            return known;
        }
        if (error instanceof KubernetesClientException api) {
            Reason reason = reason(api);
            return new ClusterException(reason, key, action + " failed: " + describe(api), error);
        }
        return new ClusterException(Reason.OTHER, key, action + " failed: " + error, error);
    }

    static Reason reason(KubernetesClientException error) {
        String message = messageOf(error).toLowerCase(Locale.ROOT);
        return switch (error.getCode()) {
            case 404 -> message.contains("the server could not find the requested resource")
                    ? Reason.UNKNOWN_KIND : Reason.NOT_FOUND;
            case 409 -> Reason.CONFLICT;
            case 422, 400 -> message.contains("field is immutable") || message.contains("immutable field")
                    ? Reason.IMMUTABLE_FIELD : Reason.INVALID;
            case 401 -> Reason.UNAUTHORIZED;
            case 403 -> Reason.FORBIDDEN;
            // The server answers a patch it cannot type (an unknown field, a value of the wrong type)
            // with 500; retrying cannot help, so it is the object that is invalid.
            case 500 -> message.contains("failed to create typed patch object")
                    || message.contains("field not declared in schema") || message.contains("expected numeric")
                    ? Reason.INVALID : Reason.TRANSIENT;
            case 408, 429, 502, 503, 504 -> Reason.TRANSIENT;
            case 0, -1 -> hasNetworkCause(error) ? Reason.TRANSIENT : Reason.OTHER;
            default -> Reason.OTHER;
        };
    }

    /** The server's own words (Status.message), else the exception's message. */
    static String describe(KubernetesClientException error) {
        String message = messageOf(error);
        if (error.getCode() > 0) {
            return message + " (HTTP " + error.getCode() + ")";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? message : message + ": " + root;
    }

    private static String messageOf(KubernetesClientException error) {
        Status status = error.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return String.valueOf(error.getMessage());
    }

    /**
     * A failure of the connection, or a request the client gave up waiting for (its request
     * timeout, a {@link TimeoutException} from the HTTP client): the server may just be busy, and
     * the engine's writes are server-side applies and deletes, safe to send again.
     */
    private static boolean hasNetworkCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof InterruptedIOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
