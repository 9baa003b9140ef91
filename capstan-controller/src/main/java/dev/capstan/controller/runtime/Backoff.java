package dev.capstan.controller.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off for a key that keeps failing: {@code base}, twice that, four times, ...
 * never more than {@code max}. With {@code jitter} above zero each delay grows by a random
 * part of up to {@code jitter} times itself (still capped), so keys that failed together do
 * not all come back together.
 */
record Backoff(Duration base, Duration max, double jitter) {

    Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("back-off base must be positive: " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off max " + max + " is below its base " + base);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /**
     * The delay before the next attempt after {@code failures} failures in a row (counting the
     * one that just happened from zero: the first retry waits {@code base}).
     *
     * @param random values in [0, 1); only read when jitter is on
     */
    Duration delay(int failures, DoubleSupplier random) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative: " + failures);
        }
        double nanos = base.toNanos() * Math.pow(2, Math.min(failures, 62));
        if (jitter > 0) {
            nanos += nanos * jitter * random.getAsDouble();
        }
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }
}
