package dev.capstan.controller.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Reconciler} asks of the queue after a successful run: nothing more, or another
 * run after a delay. Either way the key's failure count is reset. (A failed run throws instead.)
 */
public sealed interface Result {

    /** The key is reconciled; it runs again only when something adds it. */
    static Result done() {
        return Done.INSTANCE;
    }

    /** The key is reconciled for now; run it again after {@code delay} (at once when zero). */
    static Result requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    /** See {@link Result#done()}. */
    enum Done implements Result {
        INSTANCE
    }

    /** See {@link Result#requeueAfter(Duration)}. */
    record RequeueAfter(Duration delay) implements Result {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("requeue delay must not be negative: " + delay);
            }
        }
    }
}
