package dev.capstan.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.capstan.auth.AccessControl;
import dev.capstan.auth.AuthException;

/**
 * An {@link AccessControl} for tests: users with passwords, tokens issued by name, and a policy
 * table of {@code user, resource, action, object glob, allow|deny} lines (a deny wins), or
 * everything allowed. Not the real one: that lives in capstan-auth.
 */
final class TableAccessControl implements AccessControl {

    record Rule(String user, String resource, String action, String object, boolean allow) {
        boolean matches(String who, String what, String verb, String on) {
            return glob(user, who) && glob(resource, what) && glob(action, verb) && glob(object, on);
        }

        private static boolean glob(String pattern, String text) {
            return text.matches(("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q"));
        }
    }

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private int failedLogins;

    /** Every user may do everything. */
    static TableAccessControl allowingAll() {
        var access = new TableAccessControl();
        access.rules.add(new Rule("*", "*", "*", "*", true));
        return access;
    }

    /** Nothing is allowed until rules say so. */
    static TableAccessControl denyingAll() {
        return new TableAccessControl();
    }

    TableAccessControl user(String name, String password) {
        passwords.put(name, password);
        return this;
    }

    TableAccessControl token(String token, String user) {
        tokens.put(token, user);
        return this;
    }

    TableAccessControl rule(String user, String resource, String action, String object, boolean allow) {
        rules.add(new Rule(user, resource, action, object, allow));
        return this;
    }

    /** The {@code allowed} questions asked, as {@code user resource action object}. */
    List<String> asked() {
        return List.copyOf(calls);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return Optional.ofNullable(tokens.get(token)).map(user -> new Principal(user, List.of(), ""));
    }

    @Override
    public synchronized Session login(String username, String password, String clientAddress) {
        if (failedLogins >= 5) {
            throw new AuthException(AuthException.Reason.TOO_MANY_ATTEMPTS, "too many failed logins", Duration.ofSeconds(42));
        }
        if (!password.equals(passwords.get(username))) {
            failedLogins++;
            throw new AuthException(AuthException.Reason.INVALID_CREDENTIALS, "invalid username or password");
        }
        String token = "session-" + username + "-" + System.nanoTime();
        tokens.put(token, username);
        return new Session(token, Instant.now().plus(Duration.ofHours(24)));
    }

    @Override
    public void logout(String token) {
        tokens.remove(token);
    }

    @Override
    public boolean allowed(Principal principal, String resource, String action, String object) {
        calls.add(principal.username() + " " + resource + " " + action + " " + object);
        boolean allowed = false;
        for (Rule rule : rules) {
            if (rule.matches(principal.username(), resource, action, object)) {
                if (!rule.allow()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    @Override
    public List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        passwords.keySet().stream().sorted().forEach(name -> accounts.add(new Account(name, true, List.of("login"), List.of())));
        return accounts;
    }

    @Override
    public String createToken(String account, String id, Duration expiresIn) {
        if (!passwords.containsKey(account)) {
            throw new AuthException(AuthException.Reason.NOT_FOUND, "no account " + account);
        }
        String token = "api-" + account + "-" + id;
        tokens.put(token, account);
        return token;
    }

    @Override
    public void revokeToken(String account, String id) {
        tokens.remove("api-" + account + "-" + id);
    }

    @Override
    public void changePassword(String account, String currentPassword, String newPassword) {
        if (!currentPassword.equals(passwords.get(account))) {
            throw new AuthException(AuthException.Reason.INVALID_CREDENTIALS, "invalid username or password");
        }
        passwords.put(account, newPassword);
    }
}
