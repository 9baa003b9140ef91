package dev.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void the_delay_doubles_with_each_failure_and_stops_at_the_maximum() {
        var backoff = new Backoff(BASE, MAX, 0);

        assertThat(IntStream.range(0, 15).mapToObj(failures -> backoff.delay(failures, () -> 0.5).toMillis()))
                .containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 25_600L, 51_200L,
                        102_400L, 204_800L, 300_000L, 300_000L, 300_000L);
    }

    @Test
    void a_huge_failure_count_gives_the_maximum_rather_than_overflowing() {
        var backoff = new Backoff(BASE, MAX, 0.5);

        assertThat(backoff.delay(Integer.MAX_VALUE, () -> 0.99)).isEqualTo(MAX);
    }

    @Test
    void jitter_lengthens_a_delay_by_up_to_its_fraction_and_never_past_the_maximum() {
        var backoff = new Backoff(BASE, MAX, 0.5);

        assertThat(backoff.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(2, () -> 0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(2, () -> 0.999)).isBetween(Duration.ofMillis(599), Duration.ofMillis(600));
        assertThat(backoff.delay(11, () -> 0.999)).isEqualTo(MAX);
    }

    @Test
    void without_jitter_the_random_source_is_not_read() {
        var backoff = new Backoff(BASE, MAX, 0);

        assertThat(backoff.delay(1, () -> {
            throw new AssertionError("read the random source");
        })).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void a_base_that_is_not_positive_or_a_maximum_below_the_base_is_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(BASE, Duration.ofMillis(10), 0)).hasMessageContaining("below");
        assertThatThrownBy(() -> new Backoff(BASE, MAX, 1.5)).hasMessageContaining("jitter");
    }
}
