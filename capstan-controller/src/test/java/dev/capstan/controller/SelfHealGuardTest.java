package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SelfHealGuardTest {

    private final Instant start = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void heals_at_once_while_heals_are_rare() {
        var guard = new SelfHealGuard(3, Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThat(guard.delay(start.plusSeconds(i))).isEmpty();
            guard.healed(start.plusSeconds(i));
        }
        assertThat(guard.backingOff()).isFalse();
    }

    @Test
    void backs_off_doubling_up_to_the_maximum_when_it_keeps_fighting() {
        var guard = new SelfHealGuard(3, Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofSeconds(5));
        Instant now = start;
        for (int i = 0; i < 3; i++) {
            guard.healed(now);
        }
        assertThat(guard.delay(now)).contains(Duration.ofSeconds(2));
        now = now.plusSeconds(2);
        assertThat(guard.delay(now)).isEmpty();
        guard.healed(now);
        assertThat(guard.delay(now)).contains(Duration.ofSeconds(4));
        now = now.plusSeconds(4);
        guard.healed(now);
        assertThat(guard.delay(now)).contains(Duration.ofSeconds(5));
        assertThat(guard.backingOff()).isTrue();
    }

    @Test
    void a_quiet_window_resets_the_back_off() {
        var guard = new SelfHealGuard(2, Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(60));
        guard.healed(start);
        guard.healed(start);
        guard.healed(start.plusSeconds(2));
        assertThat(guard.delay(start.plusSeconds(2))).isPresent();
        assertThat(guard.delay(start.plusSeconds(200))).isEmpty();
        assertThat(guard.backingOff()).isFalse();
    }
}
