package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SessionApiTest {

    private final TableAccessControl access = TableAccessControl.denyingAll().user("admin", "pw").user("alice", "pw-a")
            .token("admin-token", "admin").token("alice-token", "alice")
            .rule("admin", "*", "*", "*", true).rule("alice", "accounts", "get", "alice", true);
    private final SessionApi api = new SessionApi(new Guard(access), Clock.systemUTC());

    @Test
    void accounts_are_listed_as_far_as_the_caller_may_get_them() {
        assertThat(api.accounts(call("admin-token", Map.of(), "")).body()).contains("\"name\":\"admin\"", "\"name\":\"alice\"");
        assertThat(api.accounts(call("alice-token", Map.of(), "")).body()).contains("\"name\":\"alice\"").doesNotContain("\"admin\"");
    }

    @Test
    void a_token_for_another_account_needs_accounts_update_which_is_asked_before_anything_is_made() {
        assertThatThrownBy(() -> api.createToken(call("alice-token", Map.of("name", "admin"), "{\"id\": \"ci\"}")))
                .hasMessage("permission denied: accounts, update, admin");
        assertThat(access.authenticate("api-admin-ci")).as("no token was made").isEmpty();

        Reply made = api.createToken(call("admin-token", Map.of("name", "alice"), "{\"id\": \"ci\", \"expiresIn\": 3600}"));
        assertThat(made.body()).isEqualTo("{\"token\":\"api-alice-ci\"}");
        assertThat(access.authenticate("api-alice-ci")).isPresent();
    }

    @Test
    void one_changes_ones_own_password_without_rbac_but_not_anothers() {
        api.changePassword(call("alice-token", Map.of(), "{\"currentPassword\": \"pw-a\", \"newPassword\": \"new\"}"));
        assertThatThrownBy(() -> api.changePassword(call("alice-token", Map.of(),
                "{\"name\": \"admin\", \"currentPassword\": \"pw\", \"newPassword\": \"x\"}")))
                .isInstanceOf(ApiError.class).hasMessage("permission denied: accounts, update, admin");
        assertThat(Calls.run(api::login, Request.of(Map.of(), Map.of(), "{\"username\": \"alice\", \"password\": \"new\"}"), "POST", "/s").status())
                .isEqualTo(200);
    }

    @Test
    void userinfo_never_refuses() {
        assertThat(api.userInfo(Request.of(Map.of(), Map.of(), "")).body()).isEqualTo("{\"loggedIn\":false}");
        assertThat(api.userInfo(call("alice-token", Map.of(), "")).body()).isEqualTo("{\"loggedIn\":true,\"username\":\"alice\",\"groups\":[]}");
    }

    @Test
    void a_login_without_a_password_is_an_invalid_argument() {
        assertThat(Calls.run(api::login, Request.of(Map.of(), Map.of(), "{\"username\": \"alice\"}"), "POST", "/s").status()).isEqualTo(400);
    }

    private static Request call(String token, Map<String, String> path, String body) {
        return Request.of(path, Map.<String, List<String>>of(), body).withToken(token);
    }
}
