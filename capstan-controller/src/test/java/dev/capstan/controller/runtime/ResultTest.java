package dev.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void a_requeue_carries_its_delay_and_refuses_a_negative_one() {
        assertThat(Result.requeueAfter(Duration.ofSeconds(3))).isEqualTo(new Result.RequeueAfter(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> Result.requeueAfter(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }

    @Test
    void done_is_one_value() {
        assertThat(Result.done()).isSameAs(Result.done()).isInstanceOf(Result.Done.class);
    }
}
