package dev.capstan.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The failed-login limit: per key (a user name, a client address), {@value #DEFAULT_LIMIT}
 * failures within a window of five minutes, counted from the first of them, block every further
 * attempt until that window ends.
 *
 * <p>An attempt counts as a failure from the moment it starts ({@link #attempt}), and is taken
 * back when it succeeds ({@link #succeeded}, {@link #forgive}): so that many attempts made at
 * once cannot all pass the check before the first of them fails. Memory is bounded: beyond
 * {@value #DEFAULT_MAX_KEYS} keys, the one touched longest ago is forgotten. Thread-safe.
 */
final class FailedLogins {

    static final int DEFAULT_LIMIT = 5;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    static final int DEFAULT_MAX_KEYS = 10_000;

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Map<String, Failures> failures;

    private record Failures(Instant since, int count) {
    }

    FailedLogins(Clock clock) {
        this(clock, DEFAULT_LIMIT, DEFAULT_WINDOW, DEFAULT_MAX_KEYS);
    }

    FailedLogins(Clock clock, int limit, Duration window, int maxKeys) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Starts an attempt on behalf of every key: when one of them is blocked, how long until it is
     * not (in whole seconds, rounded up), and nothing is counted; otherwise each key's count grows
     * by one and the answer is empty.
     */
    synchronized Optional<Duration> attempt(List<String> keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures current = current(key, now);
            if (current != null && current.count() >= limit) {
                Duration left = Duration.between(now, current.since().plus(window));
                longest = max(longest, Duration.ofSeconds(Math.max(1, (left.toMillis() + 999) / 1000)));
            }
        }
        if (!longest.isZero()) {
            return Optional.of(longest);
        }
        for (String key : keys) {
            Failures current = current(key, now);
            failures.put(key, current == null ? new Failures(now, 1) : new Failures(current.since(), current.count() + 1));
        }
        return Optional.empty();
    }

    /** A success for {@code key}: its failures are forgotten. */
    synchronized void succeeded(String key) {
        failures.remove(key);
    }

    /** Takes back the attempt {@link #attempt} counted for {@code key}, keeping its earlier failures. */
    synchronized void forgive(String key) {
        Failures current = current(key, clock.instant());
        if (current == null) {
            return;
        }
        if (current.count() <= 1) {
            failures.remove(key);
        } else {
            failures.put(key, new Failures(current.since(), current.count() - 1));
        }
    }

    synchronized int trackedKeys() {
        return failures.size();
    }

    /** The failures of {@code key} in its current window, forgetting an ended one. */
    private Failures current(String key, Instant now) {
        Failures current = failures.get(key);
        if (current != null && !now.isBefore(current.since().plus(window))) {
            failures.remove(key);
            return null;
        }
        return current;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
