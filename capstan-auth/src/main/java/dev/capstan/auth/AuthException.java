package dev.capstan.auth;

import java.time.Duration;
import java.util.Objects;

/** Why an authentication or account operation was refused; the message never holds a secret. */
public final class AuthException extends RuntimeException {

    public enum Reason {
        INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS, ACCOUNT_DISABLED, NOT_FOUND, INVALID_ARGUMENT
    }

    private final Reason reason;
    private final Duration retryAfter;

    public AuthException(Reason reason, String message) {
        this(reason, message, Duration.ZERO);
    }

    public AuthException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Reason reason() {
        return reason;
    }

    /** For {@code TOO_MANY_ATTEMPTS}: how long until a login may be tried again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
