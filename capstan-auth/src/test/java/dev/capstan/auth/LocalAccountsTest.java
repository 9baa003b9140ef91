package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.capstan.auth.LocalAccount.Capability;

class LocalAccountsTest {

    @Test
    void admin_exists_without_being_listed_and_may_log_in() {
        LocalAccounts accounts = LocalAccounts.read(Map.of(), SecretData.empty());

        assertThat(accounts.byName()).containsOnlyKeys("admin");
        LocalAccount admin = accounts.named("admin").orElseThrow();
        assertThat(admin.enabled()).isTrue();
        assertThat(admin.capabilities()).containsExactly(Capability.LOGIN);
        assertThat(admin.passwordHash()).isEmpty();
    }

    @Test
    void accounts_come_from_the_configmap_with_their_capabilities_and_switches() {
        LocalAccounts accounts = LocalAccounts.read(Map.of(
                "accounts.alice", "login, apiKey",
                "accounts.ci", "apiKey",
                "accounts.ci.enabled", "true",
                "accounts.bob", "login",
                "accounts.bob.enabled", "false",
                "admin.enabled", "false",
                "url", "https://capstan.example"), SecretData.empty());

        assertThat(accounts.byName()).containsOnlyKeys("admin", "alice", "bob", "ci");
        assertThat(accounts.named("alice").orElseThrow().capabilities()).containsExactlyInAnyOrder(Capability.LOGIN, Capability.API_KEY);
        assertThat(accounts.named("ci").orElseThrow().enabled()).isTrue();
        assertThat(accounts.named("bob").orElseThrow().enabled()).isFalse();
        assertThat(accounts.named("admin").orElseThrow().enabled()).isFalse();
        assertThat(accounts.problems()).isEmpty();
    }

    @Test
    void admin_may_be_given_other_capabilities() {
        LocalAccounts accounts = LocalAccounts.read(Map.of("accounts.admin", "apiKey, login"), SecretData.empty());

        assertThat(accounts.named("admin").orElseThrow().capabilities()).containsExactlyInAnyOrder(Capability.LOGIN, Capability.API_KEY);
    }

    @Test
    void unknown_capabilities_and_unusable_names_are_reported_and_left_out() {
        LocalAccounts accounts = LocalAccounts.read(Map.of(
                "accounts.alice", "login, sudo",
                "accounts.role:admin", "login",
                "accounts.a.b", "login"), SecretData.empty());

        assertThat(accounts.byName()).containsOnlyKeys("admin", "alice");
        assertThat(accounts.named("alice").orElseThrow().capabilities()).containsExactly(Capability.LOGIN);
        assertThat(accounts.problems()).containsExactly(
                "capstan-cm: accounts.a.b does not name an account: names are letters, digits, - and _",
                "capstan-cm: accounts.alice: unknown capability 'sudo' (login or apiKey)",
                "capstan-cm: accounts.role:admin does not name an account: names are letters, digits, - and _");
    }

    @Test
    void each_account_gets_its_password_hash_change_time_and_tokens_from_the_secret() {
        Instant changed = Instant.parse("2026-11-27T10:00:00Z");
        var token = new AccessControl.TokenInfo("ci", Instant.parse("2026-11-27T11:00:00Z"), Optional.empty());
        SecretData secret = SecretData.empty()
                .withPassword("admin", "$2a$10$admin", changed)
                .withPassword("alice", "$2a$10$alice", changed.plusSeconds(60))
                .withTokens("alice", List.of(token));

        LocalAccounts accounts = LocalAccounts.read(Map.of("accounts.alice", "login, apiKey"), secret);

        assertThat(secret.values()).containsEntry("admin.password", "$2a$10$admin")
                .containsEntry("admin.passwordMtime", "2026-11-27T10:00:00Z")
                .containsEntry("accounts.alice.password", "$2a$10$alice")
                .containsKey("accounts.alice.tokens");
        assertThat(accounts.named("admin").orElseThrow().passwordHash()).hasValue("$2a$10$admin");
        LocalAccount alice = accounts.named("alice").orElseThrow();
        assertThat(alice.passwordChangedAt()).hasValue(changed.plusSeconds(60));
        assertThat(alice.token("ci")).hasValue(token);
        assertThat(alice.listed().toString()).doesNotContain("$2a$");
    }
}
