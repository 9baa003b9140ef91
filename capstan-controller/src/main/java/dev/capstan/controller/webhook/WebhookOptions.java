package dev.capstan.controller.webhook;

/**
 * How webhook requests are received.
 *
 * @param maxBodyBytes the largest body accepted; a larger one is answered 413 before it is read
 *     further or parsed. Push payloads are a few kilobytes, GitHub caps them at 25 MB.
 */
public record WebhookOptions(int maxBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public WebhookOptions {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, not " + maxBodyBytes);
        }
    }

    /** A 1 MiB body limit. */
    public static WebhookOptions defaults() {
        return new WebhookOptions(DEFAULT_MAX_BODY_BYTES);
    }
}
