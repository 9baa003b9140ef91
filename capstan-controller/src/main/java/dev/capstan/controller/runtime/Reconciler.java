package dev.capstan.controller.runtime;

/**
 * Brings the world in line with what one key asks for. A {@link WorkQueue} calls it from its
 * workers, never for the same key on two workers at once.
 *
 * <p>Return {@link Result#done()} when nothing more is needed, {@link Result#requeueAfter} to
 * look again later (a periodic refresh, or waiting for something slow). Throw when the attempt
 * failed: the queue retries the key with exponential back-off and logs the failure once. Throw
 * Capstan's classified exceptions (or whatever the queue's options count as expected) for
 * failures that are part of life, so the log shows their message without a stack trace.
 *
 * @param <K> the key type; keys are compared with {@code equals}
 */
@FunctionalInterface
public interface Reconciler<K> {

    /** Reconciles one key; must be safe to call again for the same key after it returns or throws. */
    Result reconcile(K key) throws Exception;
}
