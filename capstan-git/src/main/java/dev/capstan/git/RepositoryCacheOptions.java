package dev.capstan.git;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link RepositoryCache} talks to servers.
 *
 * @param timeout how long a server may stay silent (connecting, or between bytes) before the
 *     request fails with {@code TIMEOUT}; whole seconds, at least one (default 60 s)
 * @param lockTimeout how long to wait while another thread or process fetches the same
 *     repository (default 10 min)
 */
public record RepositoryCacheOptions(Duration timeout, Duration lockTimeout) {

    public RepositoryCacheOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (timeout.isNegative() || timeout.isZero() || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static RepositoryCacheOptions defaults() {
        return new RepositoryCacheOptions(Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    public RepositoryCacheOptions withTimeout(Duration newTimeout) {
        return new RepositoryCacheOptions(newTimeout, lockTimeout);
    }

    public RepositoryCacheOptions withLockTimeout(Duration newLockTimeout) {
        return new RepositoryCacheOptions(timeout, newLockTimeout);
    }
}
