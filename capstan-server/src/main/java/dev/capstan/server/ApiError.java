package dev.capstan.server;

import java.time.Duration;
import java.util.Objects;

/**
 * A refusal the API answers with: one of the contract's error kinds, its HTTP status, and a
 * message that names what was refused and never holds a secret.
 */
final class ApiError extends RuntimeException {

    enum Kind {
        UNAUTHENTICATED(401, "Unauthenticated"),
        PERMISSION_DENIED(403, "PermissionDenied"),
        NOT_FOUND(404, "NotFound"),
        METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
        ALREADY_EXISTS(409, "AlreadyExists"),
        CONFLICT(409, "Conflict"),
        INVALID_ARGUMENT(400, "InvalidArgument"),
        PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
        TOO_MANY_REQUESTS(429, "TooManyRequests"),
        INTERNAL(500, "Internal");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    ApiError(Kind kind, String message) {
        this(kind, message, Duration.ZERO);
    }

    ApiError(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    Kind kind() {
        return kind;
    }

    /** For {@code TooManyRequests}: how long until the caller may try again. */
    Duration retryAfter() {
        return retryAfter;
    }

    static ApiError unauthenticated(String message) {
        return new ApiError(Kind.UNAUTHENTICATED, message);
    }

    static ApiError denied(String resource, String action, String object) {
        return new ApiError(Kind.PERMISSION_DENIED, "permission denied: " + resource + ", " + action + ", " + object);
    }

    static ApiError notFound(String message) {
        return new ApiError(Kind.NOT_FOUND, message);
    }

    static ApiError invalid(String message) {
        return new ApiError(Kind.INVALID_ARGUMENT, message);
    }

    static ApiError conflict(String message) {
        return new ApiError(Kind.CONFLICT, message);
    }

    static ApiError alreadyExists(String message) {
        return new ApiError(Kind.ALREADY_EXISTS, message);
    }

    /** The error as the contract's JSON: {@code {"error": ..., "code": ..., "message": ...}}. */
    String json() {
        var body = Json.object();
        body.put("error", kind.code());
        body.put("code", kind.status());
        body.put("message", getMessage());
        return Json.write(body);
    }
}
