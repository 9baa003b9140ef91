package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentReadTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean failing;
    private final RecentRead<Integer> value = new RecentRead<>(() -> {
        if (failing) {
            throw new IllegalStateException("API server down");
        }
        return reads.incrementAndGet();
    }, Duration.ofSeconds(2), Duration.ofMinutes(1), nanos::get);

    @Test
    void reads_again_only_when_the_copy_is_older_than_its_max_age() {
        assertThat(value.get()).isEqualTo(1);
        advance(Duration.ofMillis(1999));
        assertThat(value.get()).isEqualTo(1);
        advance(Duration.ofMillis(1));
        assertThat(value.get()).isEqualTo(2);
    }

    @Test
    void forget_makes_the_next_call_read() {
        value.get();
        value.forget();

        assertThat(value.get()).isEqualTo(2);
    }

    @Test
    void a_failed_read_serves_the_last_copy_for_a_while_then_throws() {
        value.get();
        failing = true;
        advance(Duration.ofSeconds(30));

        assertThat(value.get()).isEqualTo(1);
        advance(Duration.ofSeconds(40));
        assertThatThrownBy(value::get).hasMessage("API server down");
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
