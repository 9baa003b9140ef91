package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretDataTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void tokens_are_kept_as_json_ids_and_times_never_their_text() {
        SecretData secret = SecretData.empty().withTokens("ci", List.of(
                new AccessControl.TokenInfo("build", NOW, Optional.empty()),
                new AccessControl.TokenInfo("deploy", NOW, Optional.of(NOW.plusSeconds(3600)))));

        assertThat(secret.values().get("accounts.ci.tokens")).isEqualTo(
                "[{\"id\":\"build\",\"iat\":1795773600,\"exp\":0},{\"id\":\"deploy\",\"iat\":1795773600,\"exp\":1795777200}]");
        assertThat(secret.tokens("ci")).extracting(AccessControl.TokenInfo::id).containsExactly("build", "deploy");
        assertThat(secret.tokens("ci").getFirst().expiresAt()).isEmpty();
        assertThat(secret.withTokens("ci", List.of()).values()).doesNotContainKey("accounts.ci.tokens");
    }

    @Test
    void an_unreadable_token_list_reads_as_no_tokens() {
        assertThat(new SecretData(Map.of("accounts.ci.tokens", "{not json")).tokens("ci")).isEmpty();
        assertThat(new SecretData(Map.of("accounts.ci.tokens", "{\"id\":\"x\"}")).tokens("ci")).isEmpty();
    }

    @Test
    void revoked_sessions_are_kept_until_they_expire() {
        SecretData secret = SecretData.empty()
                .withRevokedSession("old", NOW.plusSeconds(60), NOW)
                .withRevokedSession("new", NOW.plusSeconds(3600), NOW);

        assertThat(secret.revokedSessions()).containsOnlyKeys("old", "new");
        SecretData later = secret.withRevokedSession("newest", NOW.plusSeconds(7200), NOW.plusSeconds(60));
        assertThat(later.revokedSessions()).containsOnlyKeys("new", "newest");
    }

    @Test
    void the_signing_key_round_trips_and_a_short_one_reads_as_none() {
        byte[] key = new byte[32];
        key[0] = 7;

        assertThat(SecretData.empty().withSigningKey(key).signingKey()).hasValueSatisfying(read -> assertThat(read).isEqualTo(key));
        assertThat(SecretData.empty().withSigningKey(new byte[16]).signingKey()).isEmpty();
        assertThat(new SecretData(Map.of("server.secretkey", "%%%")).signingKey()).isEmpty();
    }

    @Test
    void values_round_trip_through_the_secrets_base64_and_never_print() {
        SecretData secret = SecretData.empty().withPassword("admin", "$2a$10$hash", NOW);

        assertThat(SecretData.fromBase64(secret.toBase64())).isEqualTo(secret);
        assertThat(SecretData.fromBase64(Map.of("bad", "***"))).isEqualTo(SecretData.empty());
        assertThat(secret.toString()).isEqualTo("SecretData[admin.password, admin.passwordMtime]");
    }
}
