package dev.capstan.auth;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read afresh when the last read is older than {@code maxAge}: how changes made with
 * kubectl take effect within seconds, without a watch. When a read fails, the last value serves
 * for up to {@code staleFor} more (a short API-server outage does not log everyone out); after
 * that the failure is thrown. {@link #forget} makes the next call read, after a write of our own.
 * Thread-safe; one read at a time.
 */
final class RecentRead<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private final long staleForNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean present;

    RecentRead(Supplier<T> read, Duration maxAge, Duration staleFor) {
        this(read, maxAge, staleFor, System::nanoTime);
    }

    RecentRead(Supplier<T> read, Duration maxAge, Duration staleFor, LongSupplier nanoTime) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
        this.staleForNanos = staleFor.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (present && now - readAt < maxAgeNanos) {
            return value;
        }
        try {
            value = read.get();
            readAt = now;
            present = true;
            return value;
        } catch (RuntimeException failure) {
            if (present && now - readAt < maxAgeNanos + staleForNanos) {
                return value;
            }
            throw failure;
        }
    }

    synchronized void forget() {
        readAt = nanoTime.getAsLong() - maxAgeNanos;
    }
}
