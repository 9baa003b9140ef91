package dev.capstan.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.capstan.controller.webhook.WebhookSecrets;
import dev.capstan.kube.ApiRequestCounter;

/**
 * How the API server runs.
 *
 * @param host           the address it listens on
 * @param port           its port; 0 picks a free one ({@link CapstanServer#port()} tells which)
 * @param bodyLimit      the largest request body accepted, in bytes (larger: 413)
 * @param keepAlive      how often a live stream gets a comment line, so proxies keep it open
 * @param webhookSecrets the secrets {@code POST /api/webhook} checks
 * @param tls            the certificate and key to serve HTTPS with; plain HTTP without
 * @param kubeRequests   the counter of the requests the process's Kubernetes client sends, for
 *                       {@code capstan_kube_requests_total}; none when the client counts nothing
 */
public record ServerOptions(String host, int port, long bodyLimit, Duration keepAlive, WebhookSecrets webhookSecrets, Optional<Tls> tls,
        Optional<ApiRequestCounter> kubeRequests) {

    /** One MiB. */
    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    /** PEM files of the server's certificate chain and private key. */
    public record Tls(Path certificate, Path key) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (bodyLimit <= 0) {
            throw new IllegalArgumentException("bodyLimit must be positive");
        }
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(webhookSecrets, "webhookSecrets");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(kubeRequests, "kubeRequests");
    }

    /** All addresses, port 8080, 1 MiB bodies, a keep-alive every 15 s, no webhook secrets (every webhook refused), plain HTTP. */
    public static ServerOptions defaults() {
        return new ServerOptions("0.0.0.0", 8080, DEFAULT_BODY_LIMIT, DEFAULT_KEEP_ALIVE, WebhookSecrets.none(), Optional.empty(), Optional.empty());
    }

    public ServerOptions withAddress(String newHost, int newPort) {
        return new ServerOptions(newHost, newPort, bodyLimit, keepAlive, webhookSecrets, tls, kubeRequests);
    }

    public ServerOptions withKeepAlive(Duration newKeepAlive) {
        return new ServerOptions(host, port, bodyLimit, newKeepAlive, webhookSecrets, tls, kubeRequests);
    }

    public ServerOptions withWebhookSecrets(WebhookSecrets newSecrets) {
        return new ServerOptions(host, port, bodyLimit, keepAlive, newSecrets, tls, kubeRequests);
    }

    public ServerOptions withTls(Tls newTls) {
        return new ServerOptions(host, port, bodyLimit, keepAlive, webhookSecrets, Optional.of(newTls), kubeRequests);
    }

    public ServerOptions withKubeRequests(ApiRequestCounter counter) {
        return new ServerOptions(host, port, bodyLimit, keepAlive, webhookSecrets, tls, Optional.of(counter));
    }
}
