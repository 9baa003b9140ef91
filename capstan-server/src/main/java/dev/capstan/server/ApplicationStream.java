package dev.capstan.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.auth.AccessControl.Principal;

/**
 * The live stream of Applications ({@code GET /api/v1/stream/applications}) as server-sent
 * events: each client first gets the applications there are now (ADDED), then every change the
 * controller's informer sees (ADDED, MODIFIED, DELETED), filtered by its query and by what it may
 * {@code get}, and a comment line every keep-alive interval. A client that goes away, or that
 * reads so slowly that its queue fills, is dropped with its timer.
 */
final class ApplicationStream implements ResourceEventHandler<Application> {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationStream.class);

    private final Vertx vertx;
    private final Guard guard;
    private final Supplier<List<Application>> applications;
    private final Duration keepAlive;
    private final Executor blocking;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    private final class Subscriber {
        final Principal principal;
        final ApplicationFilter filter;
        final HttpServerResponse response;
        final Context context;
        long timer = -1;

        Subscriber(Principal principal, ApplicationFilter filter, HttpServerResponse response, Context context) {
            this.principal = principal;
            this.filter = filter;
            this.response = response;
            this.context = context;
        }

        void send(String type, Application application) {
            if (!filter.matches(application) || !guard.may(principal, Guard.APPLICATIONS, "get", Guard.object(application))) {
                return;
            }
            String event = "data: " + Json.write(Map.of("result", Map.of("type", type, "application", application))) + "\n\n";
            context.runOnContext(ignored -> write(event));
        }

        void write(String text) {
            if (response.ended() || response.closed()) {
                drop();
                return;
            }
            if (response.writeQueueFull()) {
                LOG.info("dropping a stream client that does not keep up");
                response.reset();
                drop();
                return;
            }
            response.write(text);
        }

        void drop() {
            if (subscribers.remove(this) && timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
    }

    ApplicationStream(Vertx vertx, Guard guard, Supplier<List<Application>> applications, Duration keepAlive, Executor blocking) {
        this.vertx = vertx;
        this.guard = guard;
        this.applications = applications;
        this.keepAlive = keepAlive;
        this.blocking = blocking;
    }

    /** Starts streaming to a caller already authenticated; call on the request's context. */
    void open(HttpServerResponse response, Principal principal, ApplicationFilter filter) {
        Context context = vertx.getOrCreateContext();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        var subscriber = new Subscriber(principal, filter, response, context);
        subscribers.add(subscriber);
        response.closeHandler(ignored -> subscriber.drop());
        response.exceptionHandler(ignored -> subscriber.drop());
        subscriber.timer = vertx.setPeriodic(keepAlive.toMillis(), ignored -> subscriber.write(": keep-alive\n\n"));
        blocking.execute(() -> applications.get().forEach(application -> subscriber.send("ADDED", application)));
    }

    /** How many clients are connected. */
    int subscribers() {
        return subscribers.size();
    }

    /** Ends every stream. */
    void close() {
        for (Subscriber subscriber : List.copyOf(subscribers)) {
            subscriber.context.runOnContext(ignored -> {
                if (!subscriber.response.ended() && !subscriber.response.closed()) {
                    subscriber.response.end();
                }
            });
            subscriber.drop();
        }
    }

    private void broadcast(String type, Application application) {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.send(type, application);
            } catch (RuntimeException e) {
                LOG.warn("could not stream {} of {}: {}", type, application.getMetadata().getName(), e.toString());
            }
        }
    }

    @Override
    public void onAdd(Application application) {
        broadcast("ADDED", application);
    }

    @Override
    public void onUpdate(Application before, Application after) {
        if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
            broadcast("MODIFIED", after);
        }
    }

    @Override
    public void onDelete(Application application, boolean finalStateUnknown) {
        broadcast("DELETED", application);
    }
}
