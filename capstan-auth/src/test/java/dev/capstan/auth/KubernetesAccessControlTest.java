package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.capstan.auth.AccessControl.Principal;
import dev.capstan.auth.AccessControl.Session;
import dev.capstan.auth.AuthException.Reason;

/** What is decided, against objects held in memory and a clock the test moves; {@code KubernetesAccessControlIT} covers the cluster. */
class KubernetesAccessControlTest {

    private static final String ADDRESS = "10.0.0.1";

    private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");
    private final InMemoryAuthStore store = new InMemoryAuthStore();
    private final SecureRandom random = new SecureRandom();
    private final Passwords passwords = new Passwords(random);
    private KubernetesAccessControl access;
    private String adminPassword;

    @BeforeEach
    void firstStart() {
        FirstStart.run(store, passwords, random, clock);
        adminPassword = store.initialAdminPassword.orElseThrow();
        access = new KubernetesAccessControl(store, passwords, random, clock);
    }

    @Test
    void the_first_start_makes_a_signing_key_and_an_admin_password_whose_hash_is_kept() {
        assertThat(store.secret.signingKey()).isPresent();
        assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(16);
        assertThat(passwords.matches(store.secret.passwordHash("admin").orElseThrow(), adminPassword)).isTrue();
        assertThat(store.secret.values().values()).doesNotContain(adminPassword);
    }

    @Test
    void a_later_start_keeps_the_key_and_the_password() {
        SecretData before = store.secret;
        store.deleteInitialAdminPassword();

        FirstStart.run(store, passwords, random, clock);

        assertThat(store.secret).isEqualTo(before);
        assertThat(store.initialAdminPassword).isEmpty();
    }

    @Test
    void a_login_gives_a_session_of_24_hours_that_authenticates_its_account() {
        Session session = access.login("admin", adminPassword, ADDRESS);

        assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(session.toString()).doesNotContain(session.token());
        Principal principal = access.authenticate(session.token()).orElseThrow();
        assertThat(principal.username()).isEqualTo("admin");
        assertThat(principal.groups()).isEmpty();
        assertThat(principal.tokenId()).isNotBlank();
    }

    @Test
    void a_session_ends_after_24_hours() {
        String token = access.login("admin", adminPassword, ADDRESS).token();

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(access.authenticate(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(access.authenticate(token)).isEmpty();
    }

    @Test
    void a_wrong_password_and_an_unknown_user_are_refused_alike() {
        assertThatThrownBy(() -> access.login("admin", "wrong password", ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS))
                .hasMessage("invalid username or password");
        assertThatThrownBy(() -> access.login("nobody", adminPassword, ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS))
                .hasMessage("invalid username or password");
    }

    @Test
    void the_sixth_failure_within_five_minutes_is_refused_even_with_the_right_password() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> access.login("admin", "guess", ADDRESS)).hasMessage("invalid username or password");
        }

        assertThatThrownBy(() -> access.login("admin", adminPassword, ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5));
                });
        clock.advance(Duration.ofMinutes(5));
        assertThat(access.login("admin", adminPassword, ADDRESS).token()).isNotBlank();
    }

    @Test
    void failures_from_one_address_block_it_for_every_user_name() {
        for (int i = 0; i < 5; i++) {
            String user = "user" + i;
            assertThatThrownBy(() -> access.login(user, "guess", ADDRESS)).hasMessage("invalid username or password");
        }

        assertThatThrownBy(() -> access.login("admin", adminPassword, ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS));
        assertThat(access.login("admin", adminPassword, "10.0.0.2").token()).isNotBlank();
    }

    @Test
    void logout_ends_the_session_and_only_that_one() {
        String first = access.login("admin", adminPassword, ADDRESS).token();
        String second = access.login("admin", adminPassword, ADDRESS).token();

        access.logout(first);

        assertThat(access.authenticate(first)).isEmpty();
        assertThat(access.authenticate(second)).isPresent();
        access.logout("not a token");
        access.logout(first);
    }

    @Test
    void a_token_signed_with_another_key_or_altered_is_refused() {
        String token = access.login("admin", adminPassword, ADDRESS).token();
        var other = new SignedTokens(new byte[32]);
        var forged = other.sign(new TokenClaims(TokenClaims.Kind.SESSION, "admin", "s", clock.instant(),
                Optional.of(clock.instant().plusSeconds(60))));

        assertThat(access.authenticate(forged)).isEmpty();
        assertThat(access.authenticate(token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA"))).isEmpty();
        assertThat(access.authenticate("")).isEmpty();
        assertThat(access.authenticate(null)).isEmpty();
    }

    @Test
    void a_disabled_or_removed_account_is_refused() {
        store.account("alice", "login");
        access.changePassword("alice", adminPassword, "alice's password");
        String token = access.login("alice", "alice's password", ADDRESS).token();

        store.config("accounts.alice.enabled", "false");
        assertThat(access.authenticate(token)).isEmpty();
        assertThatThrownBy(() -> access.login("alice", "alice's password", ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ACCOUNT_DISABLED));
        assertThatThrownBy(() -> access.login("alice", "wrong password", ADDRESS))
                .as("a wrong password says nothing about the account")
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));

        store.accountsConfig = Map.of();
        assertThat(access.authenticate(token)).isEmpty();
    }

    @Test
    void disabling_admin_ends_its_sessions() {
        String token = access.login("admin", adminPassword, ADDRESS).token();

        store.config("admin.enabled", "false");

        assertThat(access.authenticate(token)).isEmpty();
    }

    @Test
    void an_account_without_login_cannot_log_in() {
        store.account("ci", "apiKey");
        access.changePassword("ci", adminPassword, "ci's password");

        assertThatThrownBy(() -> access.login("ci", "ci's password", ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ACCOUNT_DISABLED))
                .hasMessage("account ci may not log in (it lacks the login capability)");
    }

    @Test
    void a_password_change_ends_the_sessions_issued_before_it() {
        String before = access.login("admin", adminPassword, ADDRESS).token();
        clock.advance(Duration.ofSeconds(1));

        access.changePassword("admin", adminPassword, "a new password");

        assertThat(access.authenticate(before)).isEmpty();
        assertThatThrownBy(() -> access.login("admin", adminPassword, ADDRESS)).hasMessage("invalid username or password");
        String after = access.login("admin", "a new password", ADDRESS).token();
        assertThat(access.authenticate(after)).isPresent();
        assertThat(store.initialAdminPassword).as("the initial password is no longer true").isEmpty();
    }

    @Test
    void a_password_change_needs_the_current_password_and_a_good_new_one() {
        assertThatThrownBy(() -> access.changePassword("admin", "wrong", "a new password"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
        assertThatThrownBy(() -> access.changePassword("admin", adminPassword, "short"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
        assertThatThrownBy(() -> access.changePassword("nobody", adminPassword, "a new password"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void a_new_account_gets_its_first_password_with_admins_and_then_needs_its_own() {
        store.account("alice", "login");

        assertThatThrownBy(() -> access.login("alice", "", ADDRESS)).hasMessage("invalid username or password");
        access.changePassword("alice", adminPassword, "alice's password");
        assertThat(access.login("alice", "alice's password", ADDRESS).token()).isNotBlank();

        assertThatThrownBy(() -> access.changePassword("alice", adminPassword, "another password"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
    }

    @Test
    void an_api_token_works_until_revoked_and_only_its_id_is_kept() {
        store.account("ci", "apiKey");

        String token = access.createToken("ci", "build", Duration.ZERO);

        Principal principal = access.authenticate(token).orElseThrow();
        assertThat(principal.username()).isEqualTo("ci");
        assertThat(principal.tokenId()).isEqualTo("build");
        assertThat(store.secret.values().values()).noneMatch(value -> value.contains(token));
        assertThat(access.accounts()).filteredOn(account -> account.name().equals("ci")).singleElement()
                .satisfies(ci -> assertThat(ci.tokens()).extracting(AccessControl.TokenInfo::id).containsExactly("build"));

        access.revokeToken("ci", "build");

        assertThat(access.authenticate(token)).isEmpty();
        access.revokeToken("ci", "build");
        access.revokeToken("nobody", "x");
    }

    @Test
    void an_api_token_expires_when_asked_and_a_recreated_id_does_not_revive_the_old_token() {
        store.account("ci", "apiKey");
        String hourly = access.createToken("ci", "hourly", Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThat(access.authenticate(hourly)).isEmpty();

        String old = access.createToken("ci", "build", Duration.ZERO);
        access.revokeToken("ci", "build");
        clock.advance(Duration.ofSeconds(1));
        String recreated = access.createToken("ci", "build", Duration.ZERO);

        assertThat(access.authenticate(old)).isEmpty();
        assertThat(access.authenticate(recreated)).isPresent();
    }

    @Test
    void api_tokens_need_an_existing_enabled_account_with_apikey_and_a_free_id() {
        store.account("alice", "login");
        store.account("ci", "apiKey");
        access.createToken("ci", "build", Duration.ZERO);

        assertThat(reasonOf(() -> access.createToken("nobody", "x", Duration.ZERO))).isEqualTo(Reason.NOT_FOUND);
        assertThat(reasonOf(() -> access.createToken("alice", "x", Duration.ZERO))).isEqualTo(Reason.INVALID_ARGUMENT);
        assertThat(reasonOf(() -> access.createToken("ci", "build", Duration.ZERO))).isEqualTo(Reason.INVALID_ARGUMENT);
        assertThat(reasonOf(() -> access.createToken("ci", "bad id!", Duration.ZERO))).isEqualTo(Reason.INVALID_ARGUMENT);
        assertThat(reasonOf(() -> access.createToken("ci", "y", Duration.ofSeconds(-1)))).isEqualTo(Reason.INVALID_ARGUMENT);
        store.config("accounts.ci.enabled", "false");
        assertThat(reasonOf(() -> access.createToken("ci", "z", Duration.ZERO))).isEqualTo(Reason.ACCOUNT_DISABLED);
    }

    @Test
    void an_api_token_stops_when_its_account_loses_apikey() {
        store.account("ci", "apiKey");
        String token = access.createToken("ci", "build", Duration.ZERO);

        store.account("ci", "login");

        assertThat(access.authenticate(token)).isEmpty();
    }

    @Test
    void a_session_token_is_not_an_api_token_nor_the_other_way_round() {
        store.account("ci", "apiKey, login");
        String apiToken = access.createToken("ci", "build", Duration.ZERO);

        access.logout(apiToken);

        assertThat(access.authenticate(apiToken)).as("logout does not revoke API tokens").isPresent();
    }

    @Test
    void the_policy_is_read_from_the_rbac_configmap_as_it_is_now() {
        store.account("alice", "login");
        var alice = new Principal("alice", List.of(), "s");
        var admin = new Principal("admin", List.of(), "s");

        assertThat(access.allowed(alice, "applications", "get", "shop/web")).isFalse();
        assertThat(access.allowed(admin, "applications", "delete", "shop/web")).isTrue();

        store.rbacConfig = Map.of("policy.default", "role:readonly");
        assertThat(access.allowed(alice, "applications", "get", "shop/web")).isTrue();
        assertThat(access.allowed(alice, "applications", "sync", "shop/web")).isFalse();

        store.rbacConfig = Map.of("policy.default", "role:readonly", "policy.csv", "p, alice, applications, sync, shop/*, allow, maybe");
        assertThat(access.allowed(alice, "applications", "get", "shop/web")).as("a broken policy grants nothing").isFalse();
        assertThat(access.allowed(admin, "applications", "sync", "shop/web")).isTrue();
    }

    @Test
    void accounts_are_listed_by_name_without_secrets() {
        store.account("alice", "login");
        store.account("ci", "apiKey");

        assertThat(access.accounts()).extracting(AccessControl.Account::name).containsExactly("admin", "alice", "ci");
        assertThat(access.accounts().toString()).doesNotContain("$2a$");
    }

    private static Reason reasonOf(Runnable call) {
        try {
            call.run();
        } catch (AuthException e) {
            return e.reason();
        }
        throw new AssertionError("no AuthException");
    }
}
