package dev.capstan.controller.webhook;

import static dev.capstan.controller.webhook.WebhookVerifierTest.hmacHex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookHandlerTest {

    private static final String SECRET = "handler-test-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<PushEvent> received = new CopyOnWriteArrayList<>();
    private final WebhookHandler handler = new WebhookHandler(
            WebhookSecrets.none().withSecret(Provider.GITHUB, SECRET).withSecret(Provider.BITBUCKET_CLOUD, SECRET),
            WebhookOptions.defaults(), received::add);

    static byte[] payload(String name) throws IOException {
        try (InputStream in = WebhookHandlerTest.class.getResourceAsStream("/webhook/payloads/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    static Map<String, String> githubHeaders(String event, byte[] body, String secret) {
        return Map.of("X-GitHub-Event", event, "X-Hub-Signature-256", "sha256=" + hmacHex(secret, body),
                "Content-Type", "application/json");
    }

    private static JsonNode json(WebhookResponse response) {
        return JSON.readTree(response.jsonBody());
    }

    @Test
    void hands_a_verified_push_to_the_consumer_and_says_so() throws IOException {
        byte[] body = payload("github-push.json");

        WebhookResponse response = handler.handle("POST", githubHeaders("push", body, SECRET), body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"provider": "github", "accepted": 1, "refs": ["refs/heads/main"]}"""));
        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.provider()).isEqualTo(Provider.GITHUB);
            assertThat(event.commit()).contains("4920a203891e046277fc417c52c521ce02c05a3c");
        });
    }

    @Test
    void hands_on_every_ref_a_push_changed() throws IOException {
        byte[] body = payload("bitbucket-cloud-push.json");
        var headers = Map.of("X-Event-Key", "repo:push", "X-Hub-Signature", "sha256=" + hmacHex(SECRET, body));

        WebhookResponse response = handler.handle("POST", headers, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).path("accepted").asInt()).isEqualTo(3);
        assertThat(received).map(PushEvent::ref).containsExactly("refs/heads/main", "refs/tags/v1.8.0", "refs/heads/spike/mesh");
    }

    @Test
    void refuses_a_body_over_the_limit_before_reading_it() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        WebhookResponse response = handler.handle("POST", githubHeaders("push", body, SECRET), body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(json(response).path("reason").asString()).isEqualTo("PayloadTooLarge");
        assertThat(json(response).path("message").asString()).isEqualTo("the body is larger than the 1048576 bytes accepted");
        assertThat(received).isEmpty();
    }

    @Test
    void accepts_only_post() throws IOException {
        byte[] body = payload("github-push.json");

        WebhookResponse response = handler.handle("PUT", githubHeaders("push", body, SECRET), body);

        assertThat(response.status()).isEqualTo(405);
        assertThat(json(response).path("reason").asString()).isEqualTo("MethodNotAllowed");
        assertThat(received).isEmpty();
    }

    @Test
    void refuses_a_bad_signature() throws IOException {
        byte[] body = payload("github-push.json");

        WebhookResponse response = handler.handle("POST", githubHeaders("push", body, "guessed"), body);

        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"reason": "SignatureMismatch",
                 "message": "the X-Hub-Signature-256 header does not match the webhook secret configured in Capstan"}"""));
        assertThat(received).isEmpty();
    }

    @Test
    void refuses_a_provider_it_has_no_secret_for() throws IOException {
        byte[] body = payload("gitlab-push.json");

        WebhookResponse response = handler.handle("POST", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "anything"), body);

        assertThat(response.status()).isEqualTo(403);
        assertThat(json(response).path("reason").asString()).isEqualTo("NoSecretConfigured");
        assertThat(json(response).path("message").asString()).startsWith("no webhook secret is configured for gitlab");
        assertThat(received).isEmpty();
    }

    @Test
    void refuses_a_request_from_no_known_sender() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        WebhookResponse response = handler.handle("POST", Map.of("Content-Type", "application/json"), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).path("reason").asString()).isEqualTo("UnknownSender");
        assertThat(json(response).path("message").asString()).contains("X-GitHub-Event", "X-Capstan-Event");
    }

    @Test
    void refuses_a_signed_but_malformed_payload_naming_the_field() throws IOException {
        byte[] body = payload("github-push-without-ref.json");

        WebhookResponse response = handler.handle("POST", githubHeaders("push", body, SECRET), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"reason": "MalformedPayload", "message": "field 'ref' is missing"}"""));
    }

    @Test
    void answers_a_ping_without_handing_anything_on() throws IOException {
        byte[] body = payload("github-ping.json");

        WebhookResponse response = handler.handle("POST", githubHeaders("ping", body, SECRET), body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).path("accepted").asInt()).isZero();
        assertThat(json(response).path("note").asString()).isEqualTo("ping received: the webhook reaches Capstan");
        assertThat(received).isEmpty();
    }

    @Test
    void answers_500_when_the_consumer_fails() throws IOException {
        var failing = new WebhookHandler(WebhookSecrets.none().withSecret(Provider.GITHUB, SECRET), WebhookOptions.defaults(),
                event -> {
                    throw new IllegalStateException("queue full");
                });
        byte[] body = payload("github-push.json");

        WebhookResponse response = failing.handle("POST", githubHeaders("push", body, SECRET), body);

        assertThat(response.status()).isEqualTo(500);
        assertThat(json(response).path("reason").asString()).isEqualTo("InternalError");
    }
}
