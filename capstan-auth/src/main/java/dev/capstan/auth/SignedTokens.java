package dev.capstan.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessions and API tokens as signed, self-contained tokens: JWTs signed with HMAC-SHA256 under
 * the server's key (kept in the Secret {@code capstan-secret}, key {@code server.secretkey}).
 *
 * <p>Why signed tokens rather than random ones kept in a store: a token proves itself without a
 * lookup, every replica of the server accepts it, and nothing a thief could replay is stored:
 * the cluster holds only the ids of API tokens (to list and revoke them) and of sessions ended
 * by logout. The signature says who issued a token; whether it still holds (expiry, revocation,
 * account disabled, password changed) is for {@link KubernetesAccessControl} to decide.
 *
 * <p>Only {@code HS256} is accepted, whatever the header says, so a token cannot choose a weaker
 * algorithm or none; signatures are compared in constant time.
 */
final class SignedTokens {

    static final int MIN_KEY_BYTES = 32;
    static final String ISSUER = "capstan";

    /** Longer strings are not tokens of ours; refused before any work. */
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SecretKeySpec key;

    SignedTokens(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the signing key must have at least " + MIN_KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    String sign(TokenClaims claims) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("iss", ISSUER);
        payload.put("sub", claims.subject());
        payload.put("jti", claims.id());
        payload.put("iat", claims.issuedAt().getEpochSecond());
        claims.expiresAt().ifPresent(at -> payload.put("exp", at.getEpochSecond()));
        payload.put("kind", claims.kind().claim());
        String signed = HEADER + "." + encode(JSON.writeValueAsBytes(payload));
        return signed + "." + encode(mac(signed));
    }

    /** The claims of a token this key signed, or empty for anything else: a bad signature, a malformed token, another issuer. */
    Optional<TokenClaims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] signature = decode(parts[2]);
        if (signature == null || !MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
            return Optional.empty();
        }
        JsonNode header = parse(parts[0]);
        if (header == null || !"HS256".equals(text(header, "alg"))) {
            return Optional.empty();
        }
        return claims(parse(parts[1]));
    }

    private static Optional<TokenClaims> claims(JsonNode payload) {
        if (payload == null || !ISSUER.equals(text(payload, "iss"))) {
            return Optional.empty();
        }
        String subject = text(payload, "sub");
        String id = text(payload, "jti");
        Optional<TokenClaims.Kind> kind = TokenClaims.Kind.ofClaim(text(payload, "kind"));
        JsonNode issuedAt = payload.get("iat");
        JsonNode expiresAt = payload.get("exp");
        if (subject == null || subject.isEmpty() || id == null || id.isEmpty() || kind.isEmpty()
                || issuedAt == null || !issuedAt.canConvertToLong() || (expiresAt != null && !expiresAt.canConvertToLong())) {
            return Optional.empty();
        }
        return Optional.of(new TokenClaims(kind.get(), subject, id, Instant.ofEpochSecond(issuedAt.asLong()),
                Optional.ofNullable(expiresAt).map(at -> Instant.ofEpochSecond(at.asLong()))));
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static JsonNode parse(String part) {
        byte[] bytes = decode(part);
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException malformed) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Strict base64url without padding, or null. */
    private static byte[] decode(String part) {
        if (part.isEmpty() || part.indexOf('=') >= 0) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
