package dev.capstan.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.capstan.auth.AccessControl;
import dev.capstan.auth.AccessControl.Principal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessions and local accounts: log in (the token in the body and in an HttpOnly cookie), log out,
 * who am I, and the account calls (list, API tokens, password). Everything is asked of the
 * {@link AccessControl}; its refusals become the contract's errors in {@link ErrorMapping}.
 */
final class SessionApi {

    private final Guard guard;
    private final Clock clock;

    SessionApi(Guard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    Reply login(Request request) {
        ObjectNode body = Json.body(request.body());
        String username = Json.text(body, "username", "");
        String password = Json.text(body, "password", "");
        if (username.isBlank() || password.isEmpty()) {
            throw ApiError.invalid("username and password are required");
        }
        AccessControl.Session session = guard.access().login(username, password, request.clientAddress());
        Duration lifetime = Duration.between(clock.instant(), session.expiresAt());
        return Reply.json(Map.of("token", session.token())).withCookie(Tokens.cookie(session.token(), lifetime, request.secure()));
    }

    Reply logout(Request request) {
        request.token().ifPresent(token -> guard.access().logout(token));
        return Reply.empty().withCookie(Tokens.clearedCookie(request.secure()));
    }

    Reply userInfo(Request request) {
        Optional<Principal> principal = request.token().flatMap(token -> guard.access().authenticate(token));
        return Reply.json(principal.map(found -> (Object) new UserInfo(true, found.username(), found.groups()))
                .orElseGet(() -> new UserInfo(false, null, null)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserInfo(boolean loggedIn, String username, List<String> groups) {
    }

    record AccountView(String name, boolean enabled, List<String> capabilities, List<TokenView> tokens) {
    }

    record TokenView(String id, long issuedAt, long expiresAt) {
    }

    Reply accounts(Request request) {
        Principal principal = guard.principal(request);
        List<AccountView> items = guard.access().accounts().stream()
                .filter(account -> guard.may(principal, Guard.ACCOUNTS, "get", account.name()))
                .map(account -> new AccountView(account.name(), account.enabled(), account.capabilities(),
                        account.tokens().stream().map(token -> new TokenView(token.id(), token.issuedAt().getEpochSecond(),
                                token.expiresAt().map(Instant::getEpochSecond).orElse(0L))).toList()))
                .toList();
        return Reply.json(Map.of("items", items));
    }

    Reply createToken(Request request) {
        Principal principal = guard.principal(request);
        String account = request.path("name");
        guard.require(principal, Guard.ACCOUNTS, "update", account);
        ObjectNode body = Json.body(request.body());
        String id = Json.text(body, "id", "");
        if (id.isBlank()) {
            throw ApiError.invalid("id is required: the name of the token");
        }
        JsonNode expiresIn = body.get("expiresIn");
        long seconds = 0;
        if (expiresIn != null && !expiresIn.isNull()) {
            if (!expiresIn.canConvertToLong() || expiresIn.asLong() < 0) {
                throw ApiError.invalid("expiresIn must be a number of seconds, 0 for a token that does not expire");
            }
            seconds = expiresIn.asLong();
        }
        String token = guard.access().createToken(account, id, Duration.ofSeconds(seconds));
        return Reply.json(Map.of("token", token));
    }

    Reply revokeToken(Request request) {
        Principal principal = guard.principal(request);
        String account = request.path("name");
        guard.require(principal, Guard.ACCOUNTS, "update", account);
        guard.access().revokeToken(account, request.path("id"));
        return Reply.empty();
    }

    Reply changePassword(Request request) {
        Principal principal = guard.principal(request);
        ObjectNode body = Json.body(request.body());
        String account = Json.text(body, "name", principal.username());
        if (!account.equals(principal.username())) {
            guard.require(principal, Guard.ACCOUNTS, "update", account);
        }
        String current = Json.text(body, "currentPassword", "");
        String next = Json.text(body, "newPassword", "");
        if (next.isEmpty()) {
            throw ApiError.invalid("newPassword is required");
        }
        guard.access().changePassword(account, current, next);
        return Reply.empty();
    }
}
