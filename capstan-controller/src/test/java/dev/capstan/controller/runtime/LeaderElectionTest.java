package dev.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.capstan.controller.runtime.LeaderElection.Options;

import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    @Test
    void the_default_options_are_client_go_s() {
        assertThat(Options.defaults())
                .isEqualTo(new Options(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }

    @Test
    void options_where_the_leader_could_outlive_its_lease_are_refused() {
        assertThatThrownBy(() -> new Options(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .hasMessageContaining("shorter than the lease");
        assertThatThrownBy(() -> new Options(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .hasMessageContaining("longer than the retry period");
        assertThatThrownBy(() -> new Options(Duration.ofMillis(900), Duration.ofMillis(500), Duration.ofMillis(100)))
                .hasMessageContaining("at least one second");
        assertThatThrownBy(() -> new Options(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO))
                .hasMessageContaining("retry period must be positive");
    }
}
