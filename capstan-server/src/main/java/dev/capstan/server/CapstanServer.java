package dev.capstan.server;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.auth.AccessControl;
import dev.capstan.controller.ApplicationView;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.webhook.WebhookServer;
import dev.capstan.controller.webhook.WebhookHandler;
import dev.capstan.controller.webhook.WebhookOptions;
import dev.capstan.kube.Fabric8ClusterClient;

/**
 * Capstan's HTTP API (docs/api.md), its live stream, metrics, Git webhooks and the web UI, served
 * beside a running {@link CapstanController}, or alone over a {@link dev.capstan.controller.StandaloneApplicationView}. Who may do what is asked of an {@link AccessControl}
 * on every call. Closing it stops the server; the controller, the client and the access control
 * stay the caller's.
 */
public final class CapstanServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CapstanServer.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService blocking;
    private final ApplicationStream stream;
    private final AutoCloseable subscription;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CapstanServer(Vertx vertx, HttpServer server, ExecutorService blocking, ApplicationStream stream, AutoCloseable subscription) {
        this.vertx = vertx;
        this.server = server;
        this.blocking = blocking;
        this.stream = stream;
        this.subscription = subscription;
    }

    /** Starts serving; returns once the port is bound. */
    public static CapstanServer start(ServerOptions options, KubernetesClient client, ApplicationView controller, AccessControl access) {
        Vertx vertx = Vertx.vertx();
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("capstan-api-", 0).factory());
        AutoCloseable subscription = null;
        try {
            Supplier<List<Application>> applications = controller::applications;
            var guard = new Guard(access);
            var store = new ApplicationStore(client, controller.namespace());
            var metrics = new ServerMetrics(applications, options.kubeRequests());
            var stream = new ApplicationStream(vertx, guard, applications, options.keepAlive(), blocking);
            var parts = new ApiRouter.Parts(
                    new SessionApi(guard, Clock.systemUTC()),
                    new ApplicationApi(guard, store, applications, client),
                    new ApplicationResourcesApi(guard, store, controller, new Fabric8ClusterClient(client), client),
                    new ProjectApi(guard, client, controller.namespace(), applications),
                    new RepositoryApi(guard, client, controller.namespace(), applications),
                    stream, guard, metrics,
                    new WebhookHandler(options.webhookSecrets(), WebhookOptions.defaults(), controller::pushed),
                    WebUi.fromClassPath(), options.bodyLimit());
            var router = ApiRouter.build(vertx, parts, new Calls(blocking));
            subscription = controller.onApplicationChange(new Changes(stream, metrics));
            controller.observeReconciles(metrics::reconciled);
            controller.observeGit(metrics::git);
            var httpOptions = new HttpServerOptions().setIdleTimeout(0).setCompressionSupported(true);
            options.tls().ifPresent(tls -> httpOptions.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString())));
            HttpServer server = vertx.createHttpServer(httpOptions).requestHandler(router);
            WebhookServer.await(server.listen(options.port(), options.host()), "listen on " + options.host() + ":" + options.port());
            LOG.info("API and UI on {}://{}:{}{}", options.tls().isPresent() ? "https" : "http", options.host(), server.actualPort(),
                    parts.ui().present() ? "" : " (the web UI is not in this build)");
            return new CapstanServer(vertx, server, blocking, stream, subscription);
        } catch (RuntimeException e) {
            closeQuietly(subscription);
            blocking.shutdownNow();
            vertx.close();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.actualPort();
    }

    /** How many live streams are open (for tests: a client that left is no longer counted). */
    int streams() {
        return stream.subscribers();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(subscription);
        stream.close();
        try {
            WebhookServer.await(server.close(), "stop the API server");
        } finally {
            blocking.shutdownNow();
            WebhookServer.await(vertx.close(), "stop Vert.x");
        }
    }

    /** Tells the stream and the metrics about every change to an Application. */
    private record Changes(ApplicationStream stream, ServerMetrics metrics) implements ResourceEventHandler<Application> {
        @Override
        public void onAdd(Application application) {
            stream.onAdd(application);
        }

        @Override
        public void onUpdate(Application before, Application after) {
            metrics.changed(before, after);
            stream.onUpdate(before, after);
        }

        @Override
        public void onDelete(Application application, boolean finalStateUnknown) {
            stream.onDelete(application, finalStateUnknown);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("while stopping: {}", e.toString());
        }
    }
}
