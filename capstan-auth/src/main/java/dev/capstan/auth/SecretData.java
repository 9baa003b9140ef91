package dev.capstan.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Secret {@code capstan-secret}'s values, as text, and the keys they are kept under (Argo
 * CD's): {@code admin.password} and {@code admin.passwordMtime} for {@code admin},
 * {@code accounts.<name>.password} and {@code accounts.<name>.passwordMtime} for the others,
 * {@code accounts.<name>.tokens} (a JSON list of {@code {id, iat, exp}}, times in epoch seconds,
 * {@code exp} 0 for never; never a token's text), {@code server.secretkey} (the signing key,
 * base64) and {@code server.revokedSessions} (the ids of sessions ended by logout, with their
 * expiry, kept until they expire). Immutable: every change makes a new value.
 */
record SecretData(Map<String, String> values) {

    static final String SIGNING_KEY = "server.secretkey";
    static final String REVOKED_SESSIONS = "server.revokedSessions";
    /** Beyond this many, the revoked sessions that expire soonest are forgotten, to keep the Secret small. */
    static final int MAX_REVOKED_SESSIONS = 5_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    SecretData {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    static SecretData empty() {
        return new SecretData(Map.of());
    }

    /** From a Secret's {@code data} (base64 values); a value that is not base64 is left out. */
    static SecretData fromBase64(Map<String, String> data) {
        Map<String, String> values = new TreeMap<>();
        if (data != null) {
            data.forEach((key, encoded) -> {
                try {
                    values.put(key, new String(Base64.getDecoder().decode(encoded == null ? "" : encoded), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notBase64) {
                    // left out: the accessors treat it as missing
                }
            });
        }
        return new SecretData(values);
    }

    Map<String, String> toBase64() {
        Map<String, String> data = new TreeMap<>();
        values.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return data;
    }

    Optional<byte[]> signingKey() {
        try {
            return Optional.ofNullable(values.get(SIGNING_KEY)).map(text -> Base64.getDecoder().decode(text.strip()))
                    .filter(key -> key.length >= SignedTokens.MIN_KEY_BYTES);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    SecretData withSigningKey(byte[] key) {
        return with(SIGNING_KEY, Base64.getEncoder().encodeToString(key));
    }

    Optional<String> passwordHash(String account) {
        return Optional.ofNullable(values.get(passwordKey(account))).map(String::strip).filter(hash -> !hash.isEmpty());
    }

    /** When the password last changed; empty when never recorded or unreadable. */
    Optional<Instant> passwordChangedAt(String account) {
        try {
            return Optional.ofNullable(values.get(passwordKey(account) + "Mtime")).map(String::strip).map(Instant::parse);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    SecretData withPassword(String account, String hash, Instant changedAt) {
        return with(passwordKey(account), hash).with(passwordKey(account) + "Mtime", changedAt.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The account's API tokens; an unreadable list reads as none, so that no token passes. */
    List<AccessControl.TokenInfo> tokens(String account) {
        String text = values.get(tokensKey(account));
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<AccessControl.TokenInfo> tokens = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(text);
            if (list == null || !list.isArray()) {
                return List.of();
            }
            for (JsonNode token : list) {
                JsonNode id = token.get("id");
                JsonNode issuedAt = token.get("iat");
                JsonNode expiresAt = token.get("exp");
                if (id == null || !id.isString() || issuedAt == null || !issuedAt.canConvertToLong()) {
                    continue;
                }
                long exp = expiresAt != null && expiresAt.canConvertToLong() ? expiresAt.asLong() : 0;
                tokens.add(new AccessControl.TokenInfo(id.asString(), Instant.ofEpochSecond(issuedAt.asLong()),
                        exp == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(exp))));
            }
        } catch (JacksonException unreadable) {
            return List.of();
        }
        return tokens;
    }

    SecretData withTokens(String account, List<AccessControl.TokenInfo> tokens) {
        if (tokens.isEmpty()) {
            return without(tokensKey(account));
        }
        ArrayNode list = JSON.createArrayNode();
        for (AccessControl.TokenInfo token : tokens) {
            ObjectNode entry = list.addObject();
            entry.put("id", token.id());
            entry.put("iat", token.issuedAt().getEpochSecond());
            entry.put("exp", token.expiresAt().map(Instant::getEpochSecond).orElse(0L));
        }
        return with(tokensKey(account), JSON.writeValueAsString(list));
    }

    /** Sessions ended by logout and not yet expired: id to expiry. */
    Map<String, Instant> revokedSessions() {
        String text = values.get(REVOKED_SESSIONS);
        Map<String, Instant> revoked = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return revoked;
        }
        try {
            JsonNode list = JSON.readTree(text);
            if (list != null && list.isArray()) {
                for (JsonNode session : list) {
                    JsonNode id = session.get("id");
                    JsonNode expiresAt = session.get("exp");
                    if (id != null && id.isString() && expiresAt != null && expiresAt.canConvertToLong()) {
                        revoked.put(id.asString(), Instant.ofEpochSecond(expiresAt.asLong()));
                    }
                }
            }
        } catch (JacksonException unreadable) {
            // read as none revoked: sessions still expire within a day
        }
        return revoked;
    }

    /** Adds a revoked session, and forgets those expired by {@code now}. */
    SecretData withRevokedSession(String id, Instant expiresAt, Instant now) {
        Map<String, Instant> revoked = revokedSessions();
        revoked.put(id, expiresAt);
        revoked.values().removeIf(expiry -> !now.isBefore(expiry));
        ArrayNode list = JSON.createArrayNode();
        revoked.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
                .limit(MAX_REVOKED_SESSIONS)
                .forEach(entry -> list.addObject().put("id", entry.getKey()).put("exp", entry.getValue().getEpochSecond()));
        return with(REVOKED_SESSIONS, JSON.writeValueAsString(list));
    }

    private SecretData with(String key, String value) {
        Map<String, String> changed = new TreeMap<>(values);
        changed.put(key, value);
        return new SecretData(changed);
    }

    private SecretData without(String key) {
        Map<String, String> changed = new TreeMap<>(values);
        changed.remove(key);
        return new SecretData(changed);
    }

    private static String passwordKey(String account) {
        return account.equals(AuthObjects.ADMIN) ? "admin.password" : "accounts." + account + ".password";
    }

    private static String tokensKey(String account) {
        return "accounts." + account + ".tokens";
    }

    @Override
    public String toString() {
        return "SecretData" + values.keySet();
    }
}
