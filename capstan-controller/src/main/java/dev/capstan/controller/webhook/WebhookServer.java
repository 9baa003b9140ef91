package dev.capstan.controller.webhook;

import dev.capstan.controller.webhook.Rejection.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint Git hosts deliver webhooks to: {@code POST /api/webhook} goes to a
 * {@link WebhookHandler}, {@code GET /healthz} answers {@code ok}. The body limit is enforced
 * while the body streams in: a declared {@code Content-Length} over it is answered 413 at once,
 * and a chunked body is answered 413 the moment it passes the limit, so no more than the limit
 * is ever held. After a 413 the connection is closed once what the client already sent is
 * drained (at most a few times the limit), so well-behaved clients read the answer.
 *
 * <p>The handler runs on Vert.x worker threads, never on the event loop, and for several
 * requests at once: its consumer must be thread-safe.
 */
public final class WebhookServer implements AutoCloseable {

    public static final String WEBHOOK_PATH = "/api/webhook";
    public static final String HEALTH_PATH = "/healthz";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final int IDLE_TIMEOUT_SECONDS = 30;
    /** How many times the body limit is read and dropped after a 413 before the connection is cut. */
    private static final int DRAIN_FACTOR = 4;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebhookServer(Vertx vertx, boolean ownsVertx, HttpServer server) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.server = server;
    }

    /** Starts a server on its own Vert.x instance, closed with it. {@code port} 0 picks a free port. */
    public static WebhookServer start(WebhookHandler handler, String host, int port) {
        Vertx vertx = Vertx.vertx();
        try {
            return start(vertx, true, handler, host, port);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts a server on {@code vertx}, which {@link #close} leaves running. */
    public static WebhookServer start(Vertx vertx, WebhookHandler handler, String host, int port) {
        return start(vertx, false, handler, host, port);
    }

    private static WebhookServer start(Vertx vertx, boolean ownsVertx, WebhookHandler handler, String host, int port) {
        // HTTP/1.1 only: Git hosts deliver webhooks over it, and a 413 mid-body closes the connection.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHandle100ContinueAutomatically(false));
        server.requestHandler(request -> route(vertx, handler, request));
        await(server.listen(port, host), "listen on " + host + ":" + port);
        LOG.info("Webhook server listening on {}:{}", host, server.actualPort());
        return new WebhookServer(vertx, ownsVertx, server);
    }

    /** The port the server listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Stops the server, and its Vert.x instance if it started one. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            await(server.close(), "stop the webhook server");
        } finally {
            if (ownsVertx) {
                await(vertx.close(), "stop Vert.x");
            }
        }
    }

    private static void route(Vertx vertx, WebhookHandler handler, HttpServerRequest request) {
        String path = request.path();
        if (path.equals(HEALTH_PATH) && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            request.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("ok");
        } else if (path.equals(WEBHOOK_PATH) && request.method() == HttpMethod.POST) {
            receive(vertx, handler, request);
        } else if (path.equals(WEBHOOK_PATH)) {
            respond(request, handler.handle(request.method().name(), Map.of(), new byte[0]));
        } else {
            respond(request, WebhookResponse.rejected(new Rejection(Reason.NOT_FOUND,
                    "nothing is served at " + path + "; webhooks go to " + WEBHOOK_PATH)));
        }
    }

    /** Reads the body up to the limit, then hands the request to the handler on a worker thread. */
    private static void receive(Vertx vertx, WebhookHandler handler, HttpServerRequest request) {
        int limit = handler.maxBodyBytes();
        String declared = request.getHeader("Content-Length");
        if (declared != null && isOver(declared, limit)) {
            refuseTooLarge(handler, request, limit);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                tooLarge[0] = true;
                refuseTooLarge(handler, request, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (tooLarge[0]) {
                return;
            }
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
            vertx.executeBlocking(() -> handler.handle(request.method().name(), headers, body.getBytes()), false)
                    .onSuccess(response -> respond(request, response))
                    .onFailure(e -> {
                        LOG.error("The webhook handler failed", e);
                        respond(request, WebhookResponse.rejected(new Rejection(Reason.CONSUMER_FAILED, "the webhook could not be handled")));
                    });
        });
    }

    /**
     * Answers 413 now and stops keeping the body: what the client goes on sending is dropped,
     * up to a few times the limit, then the connection is closed.
     */
    private static void refuseTooLarge(WebhookHandler handler, HttpServerRequest request, int limit) {
        long drainUpTo = (long) limit * DRAIN_FACTOR;
        long start = request.bytesRead();
        request.handler(chunk -> {
            if (request.bytesRead() - start > drainUpTo) {
                request.connection().close();
            }
        });
        request.endHandler(ignored -> request.connection().close());
        request.response().putHeader("Connection", "close");
        respond(request, handler.tooLarge());
    }

    private static void respond(HttpServerRequest request, WebhookResponse answer) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status()).putHeader("Content-Type", "application/json; charset=utf-8");
        if (answer.status() == 405) {
            response.putHeader("Allow", "POST");
        }
        response.end(answer.jsonBody());
    }

    private static boolean isOver(String contentLength, int limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * Waits for a Vert.x start or stop step, at most 30 seconds, turning its failure into an
     * exception that says what could not be done; shared with the API server.
     */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + " within " + STARTUP_TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        }
    }
}
