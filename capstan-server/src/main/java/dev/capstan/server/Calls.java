package dev.capstan.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin shell between Vert.x and the handlers: turns the request into a {@link Request} value
 * on the event loop, runs the handler on a virtual thread (handlers block on the API server and
 * the access control), maps what it throws in {@link ErrorMapping}, and writes the {@link Reply}
 * back on the request's context.
 */
final class Calls {

    static final String ROUTE_KEY = "capstan.route";
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    private final ExecutorService blocking;

    Calls(ExecutorService blocking) {
        this.blocking = blocking;
    }

    ExecutorService blocking() {
        return blocking;
    }

    Handler<RoutingContext> of(String route, Function<Request, Reply> handler) {
        return ctx -> {
            ctx.put(ROUTE_KEY, route);
            Request request = request(ctx);
            Context context = ctx.vertx().getOrCreateContext();
            try {
                blocking.execute(() -> {
                    Reply reply = run(handler, request, ctx.request().method().name(), route);
                    context.runOnContext(ignored -> write(ctx.response(), reply));
                });
            } catch (RejectedExecutionException e) {
                write(ctx.response(), Reply.error(new ApiError(ApiError.Kind.INTERNAL, "the server is shutting down")));
            }
        };
    }

    /** Runs a handler, turning anything it throws into the contract's error. */
    static Reply run(Function<Request, Reply> handler, Request request, String method, String route) {
        try {
            return handler.apply(request);
        } catch (RuntimeException | Error e) {
            ApiError error = ErrorMapping.of(e);
            if (error.kind() == ApiError.Kind.INTERNAL) {
                LOG.error("{} {} failed", method, route, e);
            }
            return Reply.error(error);
        }
    }

    static Request request(RoutingContext ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : ctx.queryParams().names()) {
            query.put(name, ctx.queryParams().getAll(name));
        }
        String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
        var http = ctx.request();
        return new Request(ctx.pathParams(), query, body,
                Tokens.of(http.getHeader("Authorization"), http.getHeader("Cookie")),
                http.remoteAddress() == null ? "" : http.remoteAddress().hostAddress(), http.isSSL());
    }

    static void write(HttpServerResponse response, Reply reply) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType()).putHeader("Cache-Control", "no-store");
        reply.headers().forEach(response::putHeader);
        if (!reply.cookies().isEmpty()) {
            response.putHeader("Set-Cookie", reply.cookies());
        }
        response.end(reply.body());
    }
}
