package dev.capstan.controller.webhook;

import dev.capstan.controller.webhook.Rejection.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a webhook request comes from whoever holds the provider's secret:
 *
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>};
 *   <li>GitLab: {@code X-Gitlab-Token: <the secret token itself>};
 *   <li>Bitbucket Cloud and Bitbucket Data Center: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256>};
 *   <li>Gitea and Forgejo: {@code X-Gitea-Signature} (or {@code X-Forgejo-Signature}): the bare hex HMAC-SHA256;
 *   <li>the generic sender: {@code X-Capstan-Signature: sha256=<hex HMAC-SHA256>}, or
 *       {@code Authorization: Bearer <the secret>} for callers that cannot sign.
 * </ul>
 *
 * <p>Bitbucket Cloud webhooks without a secret carry only {@code X-Hook-UUID}, the webhook's
 * identifier. Argo CD compares it with a configured UUID; Capstan does not, because the UUID is
 * shown to everyone who can see the repository's webhook settings and signs nothing, so it proves
 * nothing about the body. Give the Bitbucket webhook a secret, or allow unsigned Bitbucket Cloud
 * webhooks explicitly.
 *
 * <p>A provider without a secret is refused (403) unless {@link WebhookSecrets} allows it
 * unsigned. This is stricter than Argo CD, which skips verification for a provider it has no
 * secret for, and it is on purpose: an open endpoint would let anyone make Capstan fetch from
 * Git as often as they like.
 * All comparisons are constant-time; tokens are compared through their SHA-256 digests so even
 * their lengths do not leak. Messages name headers, never secrets or signatures.
 */
final class WebhookVerifier {

    static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
    static final String GITLAB_TOKEN = "X-Gitlab-Token";
    static final String BITBUCKET_SIGNATURE = "X-Hub-Signature";
    static final String GITEA_SIGNATURE = "X-Gitea-Signature";
    static final String FORGEJO_SIGNATURE = "X-Forgejo-Signature";
    static final String CAPSTAN_SIGNATURE = "X-Capstan-Signature";
    static final String AUTHORIZATION = "Authorization";

    private static final String SHA256_PREFIX = "sha256=";
    private static final String BEARER = "bearer ";

    private final WebhookSecrets secrets;

    WebhookVerifier(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /** Empty when the request is authentic (or its provider is allowed unsigned); otherwise why not. */
    Optional<Rejection> verify(Provider provider, Headers headers, byte[] body) {
        Optional<byte[]> secret = secrets.secret(provider);
        if (secret.isEmpty()) {
            return secrets.allowsUnsigned(provider)
                    ? Optional.empty()
                    : Optional.of(new Rejection(Reason.NO_SECRET_CONFIGURED, "no webhook secret is configured for " + provider
                            + ": configure one, or allow unsigned " + provider + " webhooks explicitly"));
        }
        byte[] key = secret.get();
        return switch (provider) {
            case GITHUB -> prefixedHmac(headers, GITHUB_SIGNATURE, key, body);
            case GITLAB -> token(headers.get(GITLAB_TOKEN), GITLAB_TOKEN, key);
            case BITBUCKET_CLOUD, BITBUCKET_SERVER -> prefixedHmac(headers, BITBUCKET_SIGNATURE, key, body);
            case GITEA -> headers.has(GITEA_SIGNATURE) || !headers.has(FORGEJO_SIGNATURE)
                    ? hexHmac(headers.get(GITEA_SIGNATURE), GITEA_SIGNATURE, key, body)
                    : hexHmac(headers.get(FORGEJO_SIGNATURE), FORGEJO_SIGNATURE, key, body);
            case GENERIC -> generic(headers, key, body);
        };
    }

    private static Optional<Rejection> generic(Headers headers, byte[] key, byte[] body) {
        if (headers.has(CAPSTAN_SIGNATURE)) {
            return prefixedHmac(headers, CAPSTAN_SIGNATURE, key, body);
        }
        Optional<String> authorization = headers.get(AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Optional.of(new Rejection(Reason.SIGNATURE_MISSING,
                    "the request carries neither an " + CAPSTAN_SIGNATURE + " header nor an " + AUTHORIZATION + ": Bearer token"));
        }
        if (!authorization.get().toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.of(new Rejection(Reason.SIGNATURE_MISMATCH, "the " + AUTHORIZATION + " header is not a Bearer token"));
        }
        return token(Optional.of(authorization.get().substring(BEARER.length()).strip()), AUTHORIZATION, key);
    }

    private static Optional<Rejection> prefixedHmac(Headers headers, String header, byte[] key, byte[] body) {
        Optional<String> signature = headers.get(header);
        if (signature.isPresent() && !signature.get().regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            return Optional.of(new Rejection(Reason.SIGNATURE_MISMATCH, "the " + header + " header is not of the form sha256=<hex>"));
        }
        return hexHmac(signature.map(value -> value.substring(SHA256_PREFIX.length())), header, key, body);
    }

    private static Optional<Rejection> hexHmac(Optional<String> hex, String header, byte[] key, byte[] body) {
        if (hex.isEmpty()) {
            return missing(header);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.get());
        } catch (IllegalArgumentException e) {
            return Optional.of(new Rejection(Reason.SIGNATURE_MISMATCH, "the " + header + " header is not a hex HMAC-SHA256"));
        }
        return MessageDigest.isEqual(hmacSha256(key, body), given) ? Optional.empty() : mismatch(header);
    }

    private static Optional<Rejection> token(Optional<String> token, String header, byte[] key) {
        if (token.isEmpty()) {
            return missing(header);
        }
        boolean equal = MessageDigest.isEqual(sha256(token.get().getBytes(StandardCharsets.UTF_8)), sha256(key));
        return equal ? Optional.empty() : mismatch(header);
    }

    private static Optional<Rejection> missing(String header) {
        return Optional.of(new Rejection(Reason.SIGNATURE_MISSING,
                "the request carries no " + header + " header: does the webhook have the secret configured?"));
    }

    private static Optional<Rejection> mismatch(String header) {
        return Optional.of(new Rejection(Reason.SIGNATURE_MISMATCH,
                "the " + header + " header does not match the webhook secret configured in Capstan"));
    }

    /** The HMAC-SHA256 of {@code body} keyed with {@code key}. */
    static byte[] hmacSha256(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available and takes any non-empty key", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
