package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SignedTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant ISSUED = Instant.parse("2026-11-27T10:00:00Z");

    private final SignedTokens tokens = new SignedTokens(KEY);
    private final TokenClaims session = new TokenClaims(TokenClaims.Kind.SESSION, "alice", "s1", ISSUED,
            Optional.of(ISSUED.plusSeconds(86_400)));

    @Test
    void a_signed_token_reads_back_as_its_claims() {
        String token = tokens.sign(session);

        assertThat(token.split("\\.")).hasSize(3);
        assertThat(tokens.verify(token)).hasValue(session);
    }

    @Test
    void an_api_token_without_expiry_reads_back_without_one() {
        var claims = new TokenClaims(TokenClaims.Kind.API, "ci", "build", ISSUED, Optional.empty());

        assertThat(tokens.verify(tokens.sign(claims))).hasValue(claims);
        assertThat(claims.expiredAt(ISSUED.plusSeconds(10L * 365 * 86_400))).isFalse();
    }

    @Test
    void is_a_standard_hs256_jwt() {
        String[] parts = tokens.sign(session).split("\\.");

        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(decode(parts[1])).contains("\"sub\":\"alice\"", "\"jti\":\"s1\"", "\"iat\":" + ISSUED.getEpochSecond(),
                "\"exp\":" + (ISSUED.getEpochSecond() + 86_400), "\"iss\":\"capstan\"");
    }

    @Test
    void a_token_signed_with_another_key_is_refused() {
        var other = new SignedTokens("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));

        assertThat(tokens.verify(other.sign(session))).isEmpty();
    }

    @Test
    void a_token_whose_claims_were_changed_is_refused() {
        String[] parts = tokens.sign(session).split("\\.");
        String forged = encode(decode(parts[1]).replace("\"sub\":\"alice\"", "\"sub\":\"admin\""));

        assertThat(tokens.verify(parts[0] + "." + forged + "." + parts[2])).isEmpty();
    }

    @Test
    void a_token_that_names_another_algorithm_is_refused_even_when_its_mac_is_right() {
        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = tokens.sign(session).split("\\.")[1];
        String signed = header + "." + payload;

        assertThat(tokens.verify(signed + "." + hmac(signed))).isEmpty();
        assertThat(tokens.verify(signed + ".")).isEmpty();
    }

    @Test
    void malformed_strings_are_refused_without_throwing() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("a.b")).isEmpty();
        assertThat(tokens.verify("a.b.c.d")).isEmpty();
        assertThat(tokens.verify("!!.??.**")).isEmpty();
        assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
        String token = tokens.sign(session);
        assertThat(tokens.verify(token + "=")).isEmpty();
    }

    @Test
    void a_well_signed_token_without_the_claims_of_ours_is_refused() {
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        for (String payload : new String[] {"{\"sub\":\"alice\",\"jti\":\"x\",\"iat\":1,\"kind\":\"session\"}",
                "{\"iss\":\"capstan\",\"jti\":\"x\",\"iat\":1,\"kind\":\"session\"}",
                "{\"iss\":\"capstan\",\"sub\":\"alice\",\"jti\":\"x\",\"iat\":1,\"kind\":\"other\"}",
                "{\"iss\":\"capstan\",\"sub\":\"alice\",\"jti\":\"x\",\"iat\":\"soon\",\"kind\":\"api\"}", "[]", "null"}) {
            String signed = header + "." + encode(payload);
            assertThat(tokens.verify(signed + "." + hmac(signed))).as(payload).isEmpty();
        }
    }

    @Test
    void expiry_is_read_against_the_time_given() {
        assertThat(session.expiredAt(ISSUED.plusSeconds(86_399))).isFalse();
        assertThat(session.expiredAt(ISSUED.plusSeconds(86_400))).isTrue();
    }

    @Test
    void a_key_shorter_than_32_bytes_is_refused() {
        assertThatThrownBy(() -> new SignedTokens(Arrays.copyOf(KEY, 31)))
                .hasMessage("the signing key must have at least 32 bytes, not 31");
    }

    private static String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
