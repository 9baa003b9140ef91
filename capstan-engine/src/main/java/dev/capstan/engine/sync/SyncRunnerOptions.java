package dev.capstan.engine.sync;

import java.time.Duration;

/**
 * How the {@link SyncRunner} talks to the cluster.
 *
 * @param parallelism how many objects of one kind in one wave are written at once
 * @param maxAttempts how often a request failing for a transient reason is tried in all
 * @param initialBackoff the wait before the first retry; it doubles with each retry
 * @param maxBackoff the longest wait between retries
 * @param pollInterval the wait between two looks at the objects a wave waits for
 * @param waveTimeout how long a wave may take to become healthy (and deleted objects to go) before the sync fails
 */
public record SyncRunnerOptions(
        int parallelism,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration pollInterval,
        Duration waveTimeout) {

    public SyncRunnerOptions {
        if (parallelism < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelism and maxAttempts must be at least 1");
        }
    }

    /** 16 at once, 5 attempts backing off from 1 s to 30 s, a look every 2 s, 10 minutes per wave. */
    public static SyncRunnerOptions defaults() {
        return new SyncRunnerOptions(16, 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(10));
    }

    public SyncRunnerOptions withParallelism(int newParallelism) {
        return new SyncRunnerOptions(newParallelism, maxAttempts, initialBackoff, maxBackoff, pollInterval, waveTimeout);
    }

    public SyncRunnerOptions withMaxAttempts(int newMaxAttempts) {
        return new SyncRunnerOptions(parallelism, newMaxAttempts, initialBackoff, maxBackoff, pollInterval, waveTimeout);
    }

    public SyncRunnerOptions withPollInterval(Duration newPollInterval) {
        return new SyncRunnerOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, newPollInterval, waveTimeout);
    }

    public SyncRunnerOptions withWaveTimeout(Duration newWaveTimeout) {
        return new SyncRunnerOptions(parallelism, maxAttempts, initialBackoff, maxBackoff, pollInterval, newWaveTimeout);
    }
}
