package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.auth.AuthException;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterException;

class ErrorMappingTest {

    @Test
    void access_control_refusals_keep_their_meaning() {
        assertThat(ErrorMapping.of(new AuthException(AuthException.Reason.INVALID_CREDENTIALS, "invalid username or password")))
                .extracting(ApiError::kind, ApiError::getMessage)
                .containsExactly(ApiError.Kind.UNAUTHENTICATED, "invalid username or password");
        ApiError limited = ErrorMapping.of(new AuthException(AuthException.Reason.TOO_MANY_ATTEMPTS, "slow down", Duration.ofMillis(2500)));
        assertThat(limited.kind()).isEqualTo(ApiError.Kind.TOO_MANY_REQUESTS);
        assertThat(Reply.error(limited).headers()).containsEntry("Retry-After", "3");
        assertThat(Reply.error(limited).status()).isEqualTo(429);
        assertThat(ErrorMapping.of(new AuthException(AuthException.Reason.NOT_FOUND, "no account bob")).kind()).isEqualTo(ApiError.Kind.NOT_FOUND);
        assertThat(ErrorMapping.of(new AuthException(AuthException.Reason.INVALID_ARGUMENT, "id in use")).kind())
                .isEqualTo(ApiError.Kind.INVALID_ARGUMENT);
    }

    @Test
    void api_server_failures_become_not_found_conflict_invalid_or_internal() {
        var key = new ResourceKey("capstan.dev", "Application", "capstan", "web");
        assertThat(ErrorMapping.of(new ClusterException(ClusterException.Reason.CONFLICT, key, "changed", null)).kind()).isEqualTo(ApiError.Kind.CONFLICT);
        assertThat(ErrorMapping.of(new KubernetesClientException(new StatusBuilder().withCode(404).withMessage("applications \"web\" not found").build())).kind())
                .isEqualTo(ApiError.Kind.NOT_FOUND);
        assertThat(ErrorMapping.of(new KubernetesClientException(new StatusBuilder().withCode(422).withMessage("spec.destination: Required").build())))
                .extracting(ApiError::kind).isEqualTo(ApiError.Kind.INVALID_ARGUMENT);
        assertThat(ErrorMapping.of(new ClusterException(ClusterException.Reason.TRANSIENT, key, "timeout", null)).kind()).isEqualTo(ApiError.Kind.INTERNAL);
    }

    @Test
    void an_unexpected_failure_says_what_kind_it_was_and_nothing_of_its_message() {
        ApiError error = ErrorMapping.of(new IllegalStateException("password=hunter2"));
        assertThat(error.kind()).isEqualTo(ApiError.Kind.INTERNAL);
        assertThat(error.getMessage()).contains("IllegalStateException").doesNotContain("hunter2");
    }

    @Test
    void the_error_json_has_the_contract_fields() {
        assertThat(ApiError.denied("applications", "sync", "default/web").json())
                .isEqualTo("{\"error\":\"PermissionDenied\",\"code\":403,\"message\":\"permission denied: applications, sync, default/web\"}");
    }

    @Test
    void a_body_that_is_not_json_is_an_invalid_argument() {
        assertThat(Calls.run(request -> {
            Json.body(request.body());
            return Reply.empty();
        }, Request.of(java.util.Map.of(), java.util.Map.of(), "{\"name\": "), "POST", "/x"))
                .extracting(Reply::status).isEqualTo(400);
    }
}
