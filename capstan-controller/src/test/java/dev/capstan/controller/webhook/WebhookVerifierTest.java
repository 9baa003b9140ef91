package dev.capstan.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.controller.webhook.Rejection.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookVerifierTest {

    private static final String SECRET = "s3cr3t-for-the-tests-only";
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

    /** How each provider presents the secret: the header and its value for a body. */
    private record Signing(Provider provider, String header, BiFunction<String, byte[], String> value) {
        @Override
        public String toString() {
            return provider + " " + header;
        }
    }

    static Stream<Signing> signings() {
        return Stream.of(
                new Signing(Provider.GITHUB, "X-Hub-Signature-256", (secret, body) -> "sha256=" + hmacHex(secret, body)),
                new Signing(Provider.GITLAB, "X-Gitlab-Token", (secret, body) -> secret),
                new Signing(Provider.BITBUCKET_CLOUD, "X-Hub-Signature", (secret, body) -> "sha256=" + hmacHex(secret, body)),
                new Signing(Provider.BITBUCKET_SERVER, "X-Hub-Signature", (secret, body) -> "sha256=" + hmacHex(secret, body)),
                new Signing(Provider.GITEA, "X-Gitea-Signature", WebhookVerifierTest::hmacHex),
                new Signing(Provider.GITEA, "X-Forgejo-Signature", WebhookVerifierTest::hmacHex),
                new Signing(Provider.GENERIC, "X-Capstan-Signature", (secret, body) -> "sha256=" + hmacHex(secret, body)),
                new Signing(Provider.GENERIC, "Authorization", (secret, body) -> "Bearer " + secret));
    }

    private static WebhookVerifier verifierWithSecretFor(Provider provider) {
        return new WebhookVerifier(WebhookSecrets.none().withSecret(provider, SECRET));
    }

    private static Optional<Rejection> verify(WebhookVerifier verifier, Provider provider, Map<String, String> headers, byte[] body) {
        return verifier.verify(provider, Headers.of(headers), body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signings")
    void accepts_a_request_signed_with_the_secret(Signing signing) {
        var headers = Map.of(signing.header(), signing.value().apply(SECRET, BODY));

        assertThat(verify(verifierWithSecretFor(signing.provider()), signing.provider(), headers, BODY)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signings")
    void refuses_a_request_signed_with_another_secret(Signing signing) {
        var headers = Map.of(signing.header(), signing.value().apply("another-secret", BODY));

        Optional<Rejection> rejection = verify(verifierWithSecretFor(signing.provider()), signing.provider(), headers, BODY);

        assertThat(rejection).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.message()).contains(signing.header()).doesNotContain(SECRET).doesNotContain("another-secret");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signings")
    void refuses_a_request_without_the_signature(Signing signing) {
        Optional<Rejection> rejection = verify(verifierWithSecretFor(signing.provider()), signing.provider(), Map.of(), BODY);

        assertThat(rejection).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Reason.SIGNATURE_MISSING);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.message()).doesNotContain(SECRET);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signings")
    void refuses_a_body_changed_after_signing(Signing signing) {
        var headers = Map.of(signing.header(), signing.value().apply(SECRET, BODY));
        byte[] tampered = "{\"ref\":\"refs/heads/evil\"}".getBytes(StandardCharsets.UTF_8);

        Optional<Rejection> rejection = verify(verifierWithSecretFor(signing.provider()), signing.provider(), headers, tampered);

        // A token does not cover the body; a signature does.
        boolean token = signing.provider() == Provider.GITLAB || signing.header().equals("Authorization");
        assertThat(rejection.isEmpty()).isEqualTo(token);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void refuses_a_provider_without_a_secret(Provider provider) {
        var verifier = new WebhookVerifier(WebhookSecrets.none().withSecret(provider == Provider.GITHUB ? Provider.GITLAB : Provider.GITHUB, SECRET));

        Optional<Rejection> rejection = verify(verifier, provider, Map.of("X-Hub-Signature-256", "sha256=00"), BODY);

        assertThat(rejection).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Reason.NO_SECRET_CONFIGURED);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.message()).startsWith("no webhook secret is configured for " + provider.displayName());
        });
    }

    @Test
    void accepts_an_unsigned_request_only_where_that_was_allowed_explicitly() {
        var verifier = new WebhookVerifier(WebhookSecrets.none().allowingUnsigned(Provider.BITBUCKET_CLOUD));

        assertThat(verify(verifier, Provider.BITBUCKET_CLOUD, Map.of(), BODY)).isEmpty();
        assertThat(verify(verifier, Provider.BITBUCKET_SERVER, Map.of(), BODY)).map(Rejection::reason).contains(Reason.NO_SECRET_CONFIGURED);
    }

    @Test
    void a_secret_still_requires_a_signature_where_unsigned_is_allowed_too() {
        var verifier = new WebhookVerifier(WebhookSecrets.none().allowingUnsigned(Provider.GITHUB).withSecret(Provider.GITHUB, SECRET));

        assertThat(verify(verifier, Provider.GITHUB, Map.of(), BODY)).map(Rejection::reason).contains(Reason.SIGNATURE_MISSING);
    }

    @Test
    void computes_github_signatures_as_hmac_sha256_of_the_raw_body() {
        // RFC 4231, test case 2
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
        var verifier = new WebhookVerifier(WebhookSecrets.none().withSecret(Provider.GITHUB, "Jefe"));
        var signature = "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        assertThat(verify(verifier, Provider.GITHUB, Map.of("x-hub-signature-256", signature), body)).isEmpty();
    }

    @Test
    void refuses_signatures_of_another_form() {
        var verifier = verifierWithSecretFor(Provider.GITHUB);
        String hex = hmacHex(SECRET, BODY);

        assertThat(verify(verifier, Provider.GITHUB, Map.of("X-Hub-Signature-256", hex), BODY))
                .map(Rejection::message).contains("the X-Hub-Signature-256 header is not of the form sha256=<hex>");
        assertThat(verify(verifier, Provider.GITHUB, Map.of("X-Hub-Signature-256", "sha256=not-hex"), BODY))
                .map(Rejection::message).contains("the X-Hub-Signature-256 header is not a hex HMAC-SHA256");
        assertThat(verify(verifier, Provider.GITHUB, Map.of("X-Hub-Signature-256", "sha256=" + hex.substring(2)), BODY))
                .map(Rejection::reason).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void refuses_a_generic_authorization_that_is_not_a_bearer_token() {
        var verifier = verifierWithSecretFor(Provider.GENERIC);

        assertThat(verify(verifier, Provider.GENERIC, Map.of("Authorization", "Basic " + SECRET), BODY))
                .map(Rejection::message).contains("the Authorization header is not a Bearer token");
    }

    @Test
    void keeps_secrets_out_of_its_string_form_and_refuses_empty_ones() {
        var secrets = WebhookSecrets.none().withSecret(Provider.GITHUB, SECRET).allowingUnsigned(Provider.GENERIC);

        assertThat(secrets.toString()).doesNotContain(SECRET).contains("github").contains("generic");
        assertThat(secrets.configured()).containsExactly(Provider.GITHUB);
        assertThatThrownBy(() -> WebhookSecrets.none().withSecret(Provider.GITLAB, " "))
                .hasMessage("the webhook secret for gitlab is empty");
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
