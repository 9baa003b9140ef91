package dev.capstan.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Keeps self-heal from fighting another controller forever: heals are free while they are rare;
 * once an application was healed {@code burst} times within {@code window}, each further heal
 * waits twice as long as the one before (from {@code base}, up to {@code max}), and a quiet window
 * resets it. Not thread-safe: one per application, used from its reconcile only.
 */
final class SelfHealGuard {

    private final int burst;
    private final Duration window;
    private final Duration base;
    private final Duration max;
    private final Deque<Instant> heals = new ArrayDeque<>();
    private int backoffs;

    SelfHealGuard(int burst, Duration window, Duration base, Duration max) {
        this.burst = burst;
        this.window = window;
        this.base = base;
        this.max = max;
    }

    static SelfHealGuard defaults() {
        return new SelfHealGuard(5, Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    /** How long to wait before healing now; empty when it may heal at once. */
    Optional<Duration> delay(Instant now) {
        while (!heals.isEmpty() && heals.peekFirst().plus(window).isBefore(now)) {
            heals.pollFirst();
        }
        if (heals.isEmpty()) {
            backoffs = 0;
        }
        if (heals.size() < burst) {
            return Optional.empty();
        }
        Duration wait = base.multipliedBy(1L << Math.min(backoffs, 20));
        wait = wait.compareTo(max) > 0 ? max : wait;
        Instant allowedAt = heals.peekLast().plus(wait);
        return allowedAt.isAfter(now) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    /** A heal happened now. */
    void healed(Instant now) {
        if (heals.size() >= burst) {
            backoffs++;
        }
        heals.addLast(now);
    }

    boolean backingOff() {
        return backoffs > 0;
    }
}
