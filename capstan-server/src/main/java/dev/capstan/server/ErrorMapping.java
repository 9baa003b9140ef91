package dev.capstan.server;

import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.auth.AuthException;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.git.GitException;
import dev.capstan.kube.ApiErrors;

import tools.jackson.core.JacksonException;

/**
 * The one place where a failure becomes the contract's error: refusals of the access control,
 * of the API server and of bad input keep their reason; anything else is {@code Internal} with
 * a message that says what failed and holds nothing of the request.
 */
final class ErrorMapping {

    private ErrorMapping() {
    }

    static ApiError of(Throwable failure) {
        return switch (failure) {
            case ApiError known -> known;
            case AuthException auth -> of(auth);
            case ClusterException cluster -> of(cluster);
            case KubernetesClientException api -> of(ApiErrors.classify(null, "request", api));
            case JacksonException json -> ApiError.invalid("malformed JSON: " + json.getOriginalMessage());
            case GitException git -> new ApiError(ApiError.Kind.INTERNAL, git.getMessage());
            case IllegalArgumentException argument -> ApiError.invalid(String.valueOf(argument.getMessage()));
            default -> new ApiError(ApiError.Kind.INTERNAL, "internal error (" + failure.getClass().getSimpleName() + "); see the server log");
        };
    }

    private static ApiError of(AuthException failure) {
        return switch (failure.reason()) {
            case INVALID_CREDENTIALS -> ApiError.unauthenticated(failure.getMessage());
            case ACCOUNT_DISABLED -> ApiError.unauthenticated(failure.getMessage());
            case TOO_MANY_ATTEMPTS -> new ApiError(ApiError.Kind.TOO_MANY_REQUESTS, failure.getMessage(), failure.retryAfter());
            case NOT_FOUND -> ApiError.notFound(failure.getMessage());
            case INVALID_ARGUMENT -> ApiError.invalid(failure.getMessage());
        };
    }

    private static ApiError of(ClusterException failure) {
        return switch (failure.reason()) {
            case NOT_FOUND -> ApiError.notFound(failure.getMessage());
            case CONFLICT -> ApiError.conflict(failure.getMessage());
            case INVALID, IMMUTABLE_FIELD -> ApiError.invalid(failure.getMessage());
            default -> new ApiError(ApiError.Kind.INTERNAL, failure.getMessage());
        };
    }

    /** Seconds for a {@code Retry-After} header: rounded up, at least one. */
    static long retryAfterSeconds(java.time.Duration retryAfter) {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
