package dev.capstan.controller.runtime;

import java.time.Duration;

/**
 * The time a {@link WorkQueue} reads and the way it runs something later. The real one is
 * {@link SystemTimer}; tests use a manual one they advance by hand, so delays and back-off
 * are exact and no test waits for a wall clock.
 */
interface Timer extends AutoCloseable {

    /** A monotonic reading in nanoseconds, like {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once, {@code delay} from now, on some thread other than the caller's. */
    Scheduled schedule(Duration delay, Runnable task);

    /** Drops every task not yet run. */
    @Override
    void close();

    /** A task waiting to run. */
    interface Scheduled {
        /** Makes sure the task does not run, unless it already has. */
        void cancel();
    }
}
