package dev.capstan.engine.sync;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.capstan.engine.cluster.ClusterException;

/**
 * Tries a cluster request again while it fails for a transient reason (time-outs, throttling,
 * conflicts), backing off exponentially; any other failure, or the last attempt's, is thrown.
 */
final class Retry {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    Retry(SyncRunnerOptions options, Sleeper sleeper) {
        this.maxAttempts = options.maxAttempts();
        this.initialBackoff = options.initialBackoff();
        this.maxBackoff = options.maxBackoff();
        this.sleeper = sleeper;
    }

    <T> T call(Supplier<T> request) throws InterruptedException {
        return call(request, e -> false);
    }

    /** Like {@link #call(Supplier)}, retrying also the failures {@code alsoRetry} accepts. */
    <T> T call(Supplier<T> request, Predicate<ClusterException> alsoRetry) throws InterruptedException {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (ClusterException e) {
                if (!(e.reason().isTransient() || alsoRetry.test(e)) || attempt >= maxAttempts) {
                    throw e;
                }
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }
}
