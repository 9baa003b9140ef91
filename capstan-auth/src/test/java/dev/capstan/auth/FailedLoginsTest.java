package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");
    private final FailedLogins limit = new FailedLogins(clock);

    @Test
    void five_failures_block_the_sixth_attempt_for_the_rest_of_the_window() {
        for (int i = 0; i < 5; i++) {
            assertThat(limit.attempt(List.of("user:alice"))).as("attempt %d", i + 1).isEmpty();
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(limit.attempt(List.of("user:alice"))).hasValue(Duration.ofSeconds(150));
        clock.advance(Duration.ofSeconds(149));
        assertThat(limit.attempt(List.of("user:alice"))).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.attempt(List.of("user:alice"))).as("the window has ended").isEmpty();
    }

    @Test
    void a_blocked_attempt_does_not_lengthen_the_block() {
        fail("user:alice", 5);
        for (int i = 0; i < 20; i++) {
            assertThat(limit.attempt(List.of("user:alice"))).isPresent();
        }

        clock.advance(FailedLogins.DEFAULT_WINDOW);
        assertThat(limit.attempt(List.of("user:alice"))).isEmpty();
    }

    @Test
    void failures_spread_over_more_than_the_window_never_block() {
        for (int i = 0; i < 12; i++) {
            assertThat(limit.attempt(List.of("user:alice"))).isEmpty();
            clock.advance(Duration.ofSeconds(75));
        }
    }

    @Test
    void a_success_forgets_the_users_failures_and_takes_back_the_addresss_attempt() {
        fail("user:alice", 4);
        fail("address:10.0.0.1", 3);

        assertThat(limit.attempt(List.of("user:alice", "address:10.0.0.1"))).isEmpty();
        limit.succeeded("user:alice");
        limit.forgive("address:10.0.0.1");

        fail("user:alice", 4);
        assertThat(limit.attempt(List.of("user:alice"))).as("the fifth failure since the success").isEmpty();
        fail("address:10.0.0.1", 1);
        assertThat(limit.attempt(List.of("address:10.0.0.1"))).as("3 earlier failures, 2 now").isEmpty();
        assertThat(limit.attempt(List.of("address:10.0.0.1"))).isPresent();
    }

    @Test
    void one_blocked_key_blocks_the_attempt_and_counts_nothing_for_the_others() {
        fail("address:10.0.0.1", 5);

        assertThat(limit.attempt(List.of("user:bob", "address:10.0.0.1"))).isPresent();
        fail("user:bob", 5);
        assertThat(limit.attempt(List.of("user:bob"))).as("bob's blocked attempt was not counted").isPresent();
    }

    @Test
    void keys_are_limited_separately() {
        fail("user:alice", 5);

        assertThat(limit.attempt(List.of("user:alice"))).isPresent();
        assertThat(limit.attempt(List.of("user:bob"))).isEmpty();
    }

    @Test
    void memory_is_bounded_by_forgetting_the_key_touched_longest_ago() {
        var small = new FailedLogins(clock, 5, Duration.ofMinutes(5), 3);
        for (int i = 0; i < 5; i++) {
            small.attempt(List.of("user:oldest"));
        }
        small.attempt(List.of("user:a"));
        small.attempt(List.of("user:b"));
        small.attempt(List.of("user:c"));

        assertThat(small.trackedKeys()).isEqualTo(3);
        assertThat(small.attempt(List.of("user:oldest"))).as("forgotten").isEmpty();
    }

    private void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(limit.attempt(List.of(key))).isEmpty();
        }
    }
}
