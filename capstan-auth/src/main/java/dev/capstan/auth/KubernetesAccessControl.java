package dev.capstan.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.auth.AuthException.Reason;
import dev.capstan.auth.LocalAccount.Capability;

/**
 * {@link AccessControl} on local accounts kept in the controller's namespace, as Argo CD keeps
 * them: the ConfigMap {@code capstan-cm} lists accounts, the Secret {@code capstan-secret} holds
 * their password hashes, API token ids and the signing key, the ConfigMap {@code capstan-rbac-cm}
 * the policy (see {@code docs/api.md}). Nothing is kept in memory but recent copies of those
 * (see {@link Fabric8AuthStore}) and the failed-login counts, so a change made with kubectl takes
 * effect within seconds, and replicas agree.
 *
 * <p>Sessions and API tokens are signed tokens ({@link SignedTokens}); {@link #authenticate}
 * accepts one when its signature holds, it has not expired, its account exists, is enabled and
 * has the capability it needs ({@code login} for sessions, {@code apiKey} for API tokens), and:
 * for a session, it was not ended by logout nor issued before the account's password last
 * changed; for an API token, its id is still listed for the account with the same issue time.
 *
 * <p>{@link #changePassword} checks {@code currentPassword} against the account's password, or,
 * for an account that has none yet, against {@code admin}'s: that is how an administrator gives
 * a new account its first password. Whether the caller may change that account's password is
 * the RBAC policy's question ({@code accounts, update}), asked by the server first.
 */
public final class KubernetesAccessControl implements AccessControl {

    static final Duration SESSION_LIFETIME = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesAccessControl.class);
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int MAX_KEY_LENGTH = 256;

    private final AuthStore store;
    private final Passwords passwords;
    private final SecureRandom random;
    private final Clock clock;
    private final FailedLogins failedLogins;
    private final PolicySource policy;
    private volatile Signer signer;

    private record Signer(byte[] key, SignedTokens tokens) {
    }

    KubernetesAccessControl(AuthStore store, Passwords passwords, SecureRandom random, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.random = random;
        this.clock = clock;
        this.failedLogins = new FailedLogins(clock);
        this.policy = new PolicySource(store::rbacConfig);
    }

    /**
     * Access control for the controller in {@code namespace}: makes the signing key and, at the
     * first start, the admin password (see {@link FirstStart}), then answers from the cluster.
     * Nothing runs in the background, so there is nothing to close.
     *
     * @param clock what tokens' issue and expiry times and the failed-login windows are read from
     */
    public static KubernetesAccessControl start(KubernetesClient client, String namespace, Clock clock) {
        var random = new SecureRandom();
        var passwords = new Passwords(random);
        var store = new Fabric8AuthStore(client, namespace, Fabric8AuthStore.DEFAULT_MAX_AGE);
        FirstStart.run(store, passwords, random, clock);
        return new KubernetesAccessControl(store, passwords, random, clock);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        Optional<TokenClaims> verified = signer().flatMap(tokens -> tokens.verify(token));
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        TokenClaims claims = verified.get();
        Optional<String> refusal = refusal(claims);
        if (refusal.isPresent()) {
            LOG.debug("{} token {} of {} refused: {}", claims.kind().claim(), claims.id(), claims.subject(), refusal.get());
            return Optional.empty();
        }
        return Optional.of(new Principal(claims.subject(), List.of(), claims.id()));
    }

    /** Why a well-signed token no longer holds, or empty when it does. */
    private Optional<String> refusal(TokenClaims claims) {
        if (claims.expiredAt(clock.instant())) {
            return Optional.of("expired");
        }
        SecretData secret = store.secret();
        Optional<LocalAccount> found = accounts(secret).named(claims.subject());
        if (found.isEmpty()) {
            return Optional.of("no such account");
        }
        LocalAccount account = found.get();
        if (!account.enabled()) {
            return Optional.of("account disabled");
        }
        return switch (claims.kind()) {
            case SESSION -> {
                if (!account.can(Capability.LOGIN)) {
                    yield Optional.of("the account may not log in");
                }
                if (secret.revokedSessions().containsKey(claims.id())) {
                    yield Optional.of("logged out");
                }
                if (account.passwordChangedAt().filter(changed -> claims.issuedAt().isBefore(changed)).isPresent()) {
                    yield Optional.of("issued before the password changed");
                }
                yield Optional.empty();
            }
            case API -> {
                if (!account.can(Capability.API_KEY)) {
                    yield Optional.of("the account may not have API tokens");
                }
                Optional<TokenInfo> listed = account.token(claims.id());
                if (listed.isEmpty() || !listed.get().issuedAt().equals(claims.issuedAt())
                        || !listed.get().expiresAt().equals(claims.expiresAt())) {
                    yield Optional.of("revoked");
                }
                yield Optional.empty();
            }
        };
    }

    @Override
    public Session login(String username, String password, String clientAddress) {
        String userKey = limitKey("user:", username);
        String addressKey = limitKey("address:", clientAddress);
        Optional<Duration> blocked = failedLogins.attempt(List.of(userKey, addressKey));
        if (blocked.isPresent()) {
            throw new AuthException(Reason.TOO_MANY_ATTEMPTS,
                    "too many failed logins; try again in " + blocked.get().toSeconds() + " s", blocked.get());
        }
        Optional<LocalAccount> found = accounts(store.secret()).named(username);
        boolean matches = found.flatMap(LocalAccount::passwordHash)
                .map(hash -> passwords.matches(hash, password))
                .orElseGet(passwords::matchesNothing);
        if (!matches) {
            // The name typed is logged only when it is an account's: a mistyped password may sit in it.
            LOG.info("failed login for {} from {}", found.map(account -> "account " + account.name()).orElse("an unknown user name"),
                    clientAddress);
            throw invalidCredentials();
        }
        failedLogins.succeeded(userKey);
        failedLogins.forgive(addressKey);
        LocalAccount account = found.get();
        if (!account.enabled()) {
            throw new AuthException(Reason.ACCOUNT_DISABLED, "account " + account.name() + " is disabled");
        }
        if (!account.can(Capability.LOGIN)) {
            throw new AuthException(Reason.ACCOUNT_DISABLED, "account " + account.name() + " may not log in (it lacks the login capability)");
        }
        Instant now = clock.instant();
        var claims = new TokenClaims(TokenClaims.Kind.SESSION, account.name(), randomId(), now, Optional.of(now.plus(SESSION_LIFETIME)));
        String token = requireSigner().sign(claims);
        LOG.info("account {} logged in from {}", account.name(), clientAddress);
        return new Session(token, claims.expiresAt().orElseThrow());
    }

    @Override
    public void logout(String token) {
        Optional<TokenClaims> verified = signer().flatMap(tokens -> tokens.verify(token))
                .filter(claims -> claims.kind() == TokenClaims.Kind.SESSION && !claims.expiredAt(clock.instant()));
        if (verified.isEmpty()) {
            return;
        }
        TokenClaims claims = verified.get();
        store.editSecret(secret -> secret.withRevokedSession(claims.id(), claims.expiresAt().orElseThrow(), clock.instant()));
        LOG.info("account {} logged out", claims.subject());
    }

    @Override
    public boolean allowed(Principal principal, String resource, String action, String object) {
        return policy.current().allows(principal.username(), principal.groups(), resource, action, object);
    }

    @Override
    public List<Account> accounts() {
        return accounts(store.secret()).byName().values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(LocalAccount::listed)
                .toList();
    }

    @Override
    public String createToken(String account, String id, Duration expiresIn) {
        if (expiresIn == null || expiresIn.isNegative()) {
            throw new AuthException(Reason.INVALID_ARGUMENT, "expiresIn must be zero (never) or positive");
        }
        String tokenId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        if (!TOKEN_ID.matcher(tokenId).matches()) {
            throw new AuthException(Reason.INVALID_ARGUMENT,
                    "a token id is 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        LocalAccount owner = existing(account);
        if (!owner.enabled()) {
            throw new AuthException(Reason.ACCOUNT_DISABLED, "account " + owner.name() + " is disabled");
        }
        if (!owner.can(Capability.API_KEY)) {
            throw new AuthException(Reason.INVALID_ARGUMENT, "account " + owner.name() + " may not have API tokens (it lacks the apiKey capability)");
        }
        Instant now = clock.instant();
        var claims = new TokenClaims(TokenClaims.Kind.API, owner.name(), tokenId, now,
                expiresIn.isZero() ? Optional.empty() : Optional.of(now.plus(expiresIn)));
        SignedTokens tokens = requireSigner();
        store.editSecret(secret -> {
            List<TokenInfo> listed = new ArrayList<>(secret.tokens(owner.name()));
            if (listed.stream().anyMatch(token -> token.id().equals(tokenId))) {
                throw new AuthException(Reason.INVALID_ARGUMENT, "account " + owner.name() + " already has a token with id " + tokenId);
            }
            listed.add(new TokenInfo(tokenId, claims.issuedAt(), claims.expiresAt()));
            return secret.withTokens(owner.name(), listed);
        });
        LOG.info("API token {} of account {} created", tokenId, owner.name());
        return tokens.sign(claims);
    }

    @Override
    public void revokeToken(String account, String id) {
        if (!LocalAccounts.validName(account) || id == null) {
            return;
        }
        var revoked = new AtomicBoolean();
        store.editSecret(secret -> {
            List<TokenInfo> listed = secret.tokens(account);
            List<TokenInfo> kept = listed.stream().filter(token -> !token.id().equals(id)).toList();
            revoked.set(kept.size() != listed.size());
            return revoked.get() ? secret.withTokens(account, kept) : secret;
        });
        if (revoked.get()) {
            LOG.info("API token {} of account {} revoked", id, account);
        }
    }

    @Override
    public void changePassword(String account, String currentPassword, String newPassword) {
        Optional<String> weakness = Passwords.weakness(newPassword);
        if (weakness.isPresent()) {
            throw new AuthException(Reason.INVALID_ARGUMENT, weakness.get());
        }
        LocalAccount target = existing(account);
        String userKey = limitKey("user:", target.name());
        Optional<Duration> blocked = failedLogins.attempt(List.of(userKey));
        if (blocked.isPresent()) {
            throw new AuthException(Reason.TOO_MANY_ATTEMPTS,
                    "too many wrong passwords; try again in " + blocked.get().toSeconds() + " s", blocked.get());
        }
        if (!currentPasswordMatches(target, currentPassword)) {
            throw new AuthException(Reason.INVALID_CREDENTIALS, "the current password is wrong");
        }
        failedLogins.succeeded(userKey);
        String hash = passwords.hash(newPassword);
        store.editSecret(secret -> secret.withPassword(target.name(), hash, clock.instant()));
        if (target.name().equals(AuthObjects.ADMIN)) {
            store.deleteInitialAdminPassword();
        }
        LOG.info("the password of account {} changed; its earlier sessions have ended", target.name());
    }

    private boolean currentPasswordMatches(LocalAccount target, String currentPassword) {
        if (target.passwordHash().isPresent()) {
            return passwords.matches(target.passwordHash().get(), currentPassword);
        }
        Optional<LocalAccount> admin = accounts(store.secret()).named(AuthObjects.ADMIN).filter(LocalAccount::enabled);
        return admin.flatMap(LocalAccount::passwordHash)
                .map(hash -> passwords.matches(hash, currentPassword))
                .orElseGet(passwords::matchesNothing);
    }

    private LocalAccount existing(String account) {
        return accounts(store.secret()).named(account)
                .orElseThrow(() -> new AuthException(Reason.NOT_FOUND, "account " + account + " does not exist"));
    }

    private LocalAccounts accounts(SecretData secret) {
        return LocalAccounts.read(store.accountsConfig(), secret);
    }

    /** The tokens of the current signing key; empty while the Secret has none (it was removed since the start). */
    private Optional<SignedTokens> signer() {
        Optional<byte[]> key = store.secret().signingKey();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Signer current = signer;
        if (current == null || !Arrays.equals(current.key(), key.get())) {
            current = new Signer(key.get(), new SignedTokens(key.get()));
            signer = current;
        }
        return Optional.of(current.tokens());
    }

    private SignedTokens requireSigner() {
        return signer().orElseThrow(() -> new IllegalStateException("Secret " + AuthObjects.SECRET + " has no signing key ("
                + SecretData.SIGNING_KEY + "); restart the controller to make one"));
    }

    private String randomId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static String limitKey(String kind, String value) {
        String key = kind + (value == null ? "" : value);
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    private static AuthException invalidCredentials() {
        return new AuthException(Reason.INVALID_CREDENTIALS, "invalid username or password");
    }
}
