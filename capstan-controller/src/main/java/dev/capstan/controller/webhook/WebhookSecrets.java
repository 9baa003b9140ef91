package dev.capstan.controller.webhook;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The shared secret each provider's webhooks are checked against (see {@link WebhookVerifier}
 * for how each provider uses it), and the providers whose unsigned webhooks are accepted.
 *
 * <p>A provider with neither is refused: unlike Argo CD, which accepts any webhook from a
 * provider it has no secret for, Capstan will not let an anonymous caller make it fetch from
 * Git on demand unless someone chose that with {@link #allowingUnsigned}. A provider with a
 * secret always needs a valid signature, even if it is also allowed unsigned.
 *
 * <p>Immutable; the secrets are held as bytes and never printed, not even by {@link #toString}.
 */
public final class WebhookSecrets {

    private final Map<Provider, byte[]> secrets;
    private final Set<Provider> unsigned;

    private WebhookSecrets(Map<Provider, byte[]> secrets, Set<Provider> unsigned) {
        this.secrets = secrets;
        this.unsigned = unsigned;
    }

    /** No secrets and nothing unsigned: every webhook is refused. */
    public static WebhookSecrets none() {
        return new WebhookSecrets(new EnumMap<>(Provider.class), EnumSet.noneOf(Provider.class));
    }

    /**
     * These secrets and {@code secret} for {@code provider}: the HMAC key it signs with, or the
     * token it sends (GitLab; the generic sender's bearer token).
     *
     * @throws IllegalArgumentException when the secret is empty or blank
     */
    public WebhookSecrets withSecret(Provider provider, String secret) {
        Objects.requireNonNull(provider, "provider");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret for " + provider + " is empty");
        }
        var copy = new EnumMap<>(secrets);
        copy.put(provider, secret.getBytes(StandardCharsets.UTF_8));
        return new WebhookSecrets(copy, unsigned);
    }

    /** These secrets, and {@code provider}'s webhooks accepted without a signature while it has no secret. */
    public WebhookSecrets allowingUnsigned(Provider provider) {
        Objects.requireNonNull(provider, "provider");
        var copy = unsigned.isEmpty() ? EnumSet.noneOf(Provider.class) : EnumSet.copyOf(unsigned);
        copy.add(provider);
        return new WebhookSecrets(secrets, copy);
    }

    /** The providers that have a secret. */
    public Set<Provider> configured() {
        return Set.copyOf(secrets.keySet());
    }

    Optional<byte[]> secret(Provider provider) {
        return Optional.ofNullable(secrets.get(provider)).map(byte[]::clone);
    }

    boolean allowsUnsigned(Provider provider) {
        return unsigned.contains(provider);
    }

    @Override
    public String toString() {
        return "WebhookSecrets[secrets for " + secrets.keySet() + ", unsigned allowed for " + unsigned + "]";
    }
}
