package dev.capstan.controller;

import java.nio.file.Path;
import java.time.Duration;

import dev.capstan.controller.webhook.WebhookSecrets;

/**
 * How the controller runs.
 *
 * @param namespace      where its Applications, AppProjects and repository Secrets live
 * @param pollInterval   how often a target revision is looked up without a webhook (per application:
 *                       the annotation {@value ApplicationReconciler#POLL_INTERVAL_ANNOTATION})
 * @param workers        applications reconciled at once
 * @param cacheDirectory the Git repository cache
 * @param webhooks       the Git webhook endpoint
 */
public record ControllerOptions(String namespace, Duration pollInterval, int workers, Path cacheDirectory, Webhooks webhooks) {

    /**
     * Where the webhook endpoint ({@code POST /api/webhook}, and {@code GET /healthz}) listens, and
     * the secrets it checks; {@code port} 0 picks a free one, {@code enabled} false serves none.
     */
    public record Webhooks(boolean enabled, String host, int port, WebhookSecrets secrets) {

        public static Webhooks disabled() {
            return new Webhooks(false, "127.0.0.1", 0, WebhookSecrets.none());
        }

        public static Webhooks on(String host, int port, WebhookSecrets secrets) {
            return new Webhooks(true, host, port, secrets);
        }
    }

    public static ControllerOptions defaults(Path cacheDirectory) {
        return new ControllerOptions("capstan", Duration.ofMinutes(3), 8, cacheDirectory, Webhooks.disabled());
    }

    public ControllerOptions withNamespace(String newNamespace) {
        return new ControllerOptions(newNamespace, pollInterval, workers, cacheDirectory, webhooks);
    }

    public ControllerOptions withPollInterval(Duration newPollInterval) {
        return new ControllerOptions(namespace, newPollInterval, workers, cacheDirectory, webhooks);
    }

    public ControllerOptions withWorkers(int newWorkers) {
        return new ControllerOptions(namespace, pollInterval, newWorkers, cacheDirectory, webhooks);
    }

    public ControllerOptions withWebhooks(Webhooks newWebhooks) {
        return new ControllerOptions(namespace, pollInterval, workers, cacheDirectory, newWebhooks);
    }
}
