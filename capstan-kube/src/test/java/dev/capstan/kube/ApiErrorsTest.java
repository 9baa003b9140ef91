package dev.capstan.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClientException;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.cluster.ClusterException.Reason;

class ApiErrorsTest {

    @Test
    void a_request_the_client_gave_up_waiting_for_is_transient() {
        // as fabric8's Vert.x client reports its request timeout (io.vertx.core.impl.NoStackTraceTimeoutException)
        var timeout = new TimeoutException("The timeout period of 10000ms has been exceeded while executing PATCH /api/v1/...");
        var error = new KubernetesClientException("The timeout period of 10000ms has been exceeded", new RuntimeException(timeout));

        assertThat(ApiErrors.reason(error)).isEqualTo(Reason.TRANSIENT);
    }

    @Test
    void a_broken_connection_is_transient() {
        assertThat(ApiErrors.reason(new KubernetesClientException("connection reset", new IOException("reset"))))
                .isEqualTo(Reason.TRANSIENT);
    }

    @Test
    void a_failure_without_a_status_or_a_network_cause_is_other() {
        assertThat(ApiErrors.reason(new KubernetesClientException("something else", new IllegalStateException("odd"))))
                .isEqualTo(Reason.OTHER);
    }

    @Test
    void the_server_being_busy_is_transient_and_an_invalid_object_is_not() {
        assertThat(ApiErrors.reason(new KubernetesClientException("busy", 429, null))).isEqualTo(Reason.TRANSIENT);
        assertThat(ApiErrors.reason(new KubernetesClientException("bad", 422, null))).isEqualTo(Reason.INVALID);
    }
}
