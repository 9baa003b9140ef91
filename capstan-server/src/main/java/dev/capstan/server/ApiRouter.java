package dev.capstan.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.controller.webhook.WebhookHandler;
import dev.capstan.controller.webhook.WebhookResponse;

/**
 * The routes of the server, in the order they are tried: request log and metrics, health and
 * metrics, Git webhooks, the API's endpoints (the table of contents of the contract), the live
 * stream, then 404 or 405 for any other {@code /api} path, and the web UI for every other GET.
 * Every failure, Vert.x's own included (a body over the limit, an unknown path), is answered as
 * the contract's JSON error.
 */
final class ApiRouter {

    static final String API = "/api/v1";
    static final String OPENAPI_RESOURCE = "dev/capstan/server/openapi.json";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.capstan.server.access");

    /** One endpoint of the contract: method, path (Vert.x style, {@code :param}) and handler. */
    record Endpoint(HttpMethod method, String path, Function<Request, Reply> handler) {
    }

    /** What the routes call; any of it may be null where a route is only listed, never run (the OpenAPI test). */
    record Parts(SessionApi session, ApplicationApi applications, ApplicationResourcesApi resources, ProjectApi projects,
                 RepositoryApi repositories, ApplicationStream stream, Guard guard, ServerMetrics metrics, WebhookHandler webhook,
                 WebUi ui, long bodyLimit) {
    }

    private ApiRouter() {
    }

    /** The JSON endpoints under {@value #API}, in the contract's order. */
    static List<Endpoint> endpoints(Parts parts) {
        return List.of(
                new Endpoint(HttpMethod.POST, API + "/session", request -> parts.session().login(request)),
                new Endpoint(HttpMethod.DELETE, API + "/session", request -> parts.session().logout(request)),
                new Endpoint(HttpMethod.GET, API + "/session/userinfo", request -> parts.session().userInfo(request)),
                new Endpoint(HttpMethod.GET, API + "/account", request -> parts.session().accounts(request)),
                new Endpoint(HttpMethod.PUT, API + "/account/password", request -> parts.session().changePassword(request)),
                new Endpoint(HttpMethod.POST, API + "/account/:name/token", request -> parts.session().createToken(request)),
                new Endpoint(HttpMethod.DELETE, API + "/account/:name/token/:id", request -> parts.session().revokeToken(request)),
                new Endpoint(HttpMethod.GET, API + "/applications", request -> parts.applications().list(request)),
                new Endpoint(HttpMethod.POST, API + "/applications", request -> parts.applications().create(request)),
                new Endpoint(HttpMethod.GET, API + "/applications/:name", request -> parts.applications().get(request)),
                new Endpoint(HttpMethod.PUT, API + "/applications/:name", request -> parts.applications().update(request)),
                new Endpoint(HttpMethod.DELETE, API + "/applications/:name", request -> parts.applications().delete(request)),
                new Endpoint(HttpMethod.POST, API + "/applications/:name/sync", request -> parts.applications().sync(request)),
                new Endpoint(HttpMethod.POST, API + "/applications/:name/rollback", request -> parts.applications().rollback(request)),
                new Endpoint(HttpMethod.DELETE, API + "/applications/:name/operation", request -> parts.applications().terminate(request)),
                new Endpoint(HttpMethod.GET, API + "/applications/:name/resource-tree", request -> parts.resources().tree(request)),
                new Endpoint(HttpMethod.GET, API + "/applications/:name/managed-resources", request -> parts.resources().managedResources(request)),
                new Endpoint(HttpMethod.GET, API + "/applications/:name/resource", request -> parts.resources().resource(request)),
                new Endpoint(HttpMethod.GET, API + "/applications/:name/events", request -> parts.resources().events(request)),
                new Endpoint(HttpMethod.GET, API + "/projects", request -> parts.projects().list(request)),
                new Endpoint(HttpMethod.POST, API + "/projects", request -> parts.projects().create(request)),
                new Endpoint(HttpMethod.GET, API + "/projects/:name", request -> parts.projects().get(request)),
                new Endpoint(HttpMethod.DELETE, API + "/projects/:name", request -> parts.projects().delete(request)),
                new Endpoint(HttpMethod.GET, API + "/repositories", request -> parts.repositories().list(request)),
                new Endpoint(HttpMethod.POST, API + "/repositories", request -> parts.repositories().create(request)),
                new Endpoint(HttpMethod.DELETE, API + "/repositories/:repo", request -> parts.repositories().delete(request)));
    }

    static Router build(io.vertx.core.Vertx vertx, Parts parts, Calls calls) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> logAndMeasure(ctx, parts.metrics()));

        router.get("/healthz").handler(ctx -> {
            ctx.put(Calls.ROUTE_KEY, "/healthz");
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("ok");
        });
        router.get("/metrics").handler(ctx -> {
            ctx.put(Calls.ROUTE_KEY, "/metrics");
            Context context = vertx.getOrCreateContext();
            calls.blocking().execute(() -> {
                String text = parts.metrics().scrape();
                context.runOnContext(ignored -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text));
            });
        });
        router.get(API + "/openapi.json").handler(ctx -> {
            ctx.put(Calls.ROUTE_KEY, API + "/openapi.json");
            ctx.response().putHeader("Content-Type", Reply.JSON).end(openApiDocument());
        });

        router.post("/api/webhook").handler(BodyHandler.create(false).setBodyLimit(
                parts.webhook() == null ? parts.bodyLimit() : parts.webhook().maxBodyBytes()));
        router.post("/api/webhook").handler(ctx -> webhook(ctx, parts.webhook(), calls));

        router.route(API + "/*").handler(BodyHandler.create(false).setBodyLimit(parts.bodyLimit()));
        for (Endpoint endpoint : endpoints(parts)) {
            router.route(endpoint.method(), endpoint.path()).handler(calls.of(endpoint.path(), endpoint.handler()));
        }
        router.get(API + "/stream/applications").handler(ctx -> stream(ctx, parts, calls));

        router.route("/api/*").handler(ctx -> unmatched(ctx, parts));
        router.route("/api").handler(ctx -> unmatched(ctx, parts));
        router.route(HttpMethod.GET, "/*").handler(ctx -> ui(ctx, parts.ui(), calls));
        router.route(HttpMethod.HEAD, "/*").handler(ctx -> ui(ctx, parts.ui(), calls));

        for (int status : List.of(400, 404, 405, 413, 500)) {
            router.errorHandler(status, ctx -> failed(ctx, status));
        }
        return router;
    }

    /**
     * The paths and methods the router serves, {@code /api/v1/applications/{name}} style, sorted;
     * the catch-alls (the UI's {@code /*}, the 404s under {@code /api}) aside.
     */
    static Set<String> served(Router router) {
        Set<String> served = new TreeSet<>();
        for (var route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || route.methods() == null || route.methods().isEmpty() || path.endsWith("*") || path.equals("/")) {
                continue;
            }
            for (HttpMethod method : route.methods()) {
                served.add(method.name() + " " + path.replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        return served;
    }

    static String openApiDocument() {
        try (InputStream in = ApiRouter.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the handlers that are not JSON calls -----------------------------------------------

    private static void logAndMeasure(RoutingContext ctx, ServerMetrics metrics) {
        long start = System.nanoTime();
        ctx.addEndHandler(ignored -> {
            long took = System.nanoTime() - start;
            String route = ctx.get(Calls.ROUTE_KEY, "unmatched");
            int status = ctx.response().getStatusCode();
            String method = ctx.request().method().name();
            if (metrics != null && !route.equals("ui")) {
                metrics.request(method, route, status, java.time.Duration.ofNanos(took));
            }
            ACCESS.info("{} {} {} {} ms {}", method, loggedPath(ctx.request().path()), status, took / 1_000_000,
                    ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress());
        });
        ctx.next();
    }

    /** The path as logged: a repository's URL (which may hold a user name) is left out. */
    static String loggedPath(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith(API + "/repositories/") ? API + "/repositories/{repo}" : path;
    }

    private static void webhook(RoutingContext ctx, WebhookHandler handler, Calls calls) {
        ctx.put(Calls.ROUTE_KEY, "/api/webhook");
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Context context = ctx.vertx().getOrCreateContext();
        calls.blocking().execute(() -> {
            WebhookResponse answer;
            try {
                answer = handler.handle("POST", headers, body);
            } catch (RuntimeException e) {
                LOG.error("the webhook handler failed", e);
                answer = null;
            }
            WebhookResponse done = answer;
            context.runOnContext(ignored -> {
                if (done == null) {
                    Calls.write(ctx.response(), Reply.error(new ApiError(ApiError.Kind.INTERNAL, "the webhook could not be handled")));
                } else {
                    ctx.response().setStatusCode(done.status()).putHeader("Content-Type", Reply.JSON).end(done.jsonBody());
                }
            });
        });
    }

    private static void stream(RoutingContext ctx, Parts parts, Calls calls) {
        ctx.put(Calls.ROUTE_KEY, API + "/stream/applications");
        Request request = Calls.request(ctx);
        Context context = ctx.vertx().getOrCreateContext();
        calls.blocking().execute(() -> {
            try {
                var principal = parts.guard().principal(request);
                var filter = ApplicationFilter.of(request);
                context.runOnContext(ignored -> parts.stream().open(ctx.response(), principal, filter));
            } catch (RuntimeException e) {
                Reply reply = Calls.run(ignored -> {
                    throw e;
                }, request, "GET", API + "/stream/applications");
                context.runOnContext(ignored -> Calls.write(ctx.response(), reply));
            }
        });
    }

    /** An {@code /api} path no route took: 405 when the path is served with other methods, else 404. */
    private static void unmatched(RoutingContext ctx, Parts parts) {
        String path = ctx.request().path();
        Set<String> allowed = new TreeSet<>();
        for (Endpoint endpoint : endpoints(parts)) {
            if (Pattern.matches(endpoint.path().replaceAll(":[A-Za-z]+", "[^/]+"), path)) {
                allowed.add(endpoint.method().name());
            }
        }
        if (path.equals(API + "/stream/applications") || path.equals(API + "/openapi.json")) {
            allowed.add("GET");
        }
        if (path.equals("/api/webhook")) {
            allowed.add("POST");
        }
        if (allowed.isEmpty()) {
            Calls.write(ctx.response(), Reply.error(ApiError.notFound("nothing is served at " + ctx.request().method().name() + " " + path)));
            return;
        }
        ctx.response().putHeader("Allow", String.join(", ", allowed));
        Calls.write(ctx.response(), Reply.error(new ApiError(ApiError.Kind.METHOD_NOT_ALLOWED,
                ctx.request().method().name() + " is not allowed on " + path + "; use " + String.join(" or ", allowed))));
    }

    private static void ui(RoutingContext ctx, WebUi ui, Calls calls) {
        ctx.put(Calls.ROUTE_KEY, "ui");
        String path = ctx.request().path();
        if (path.equals("/metrics") || path.equals("/healthz")) {
            ctx.next();
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        calls.blocking().execute(() -> {
            WebUi.Asset asset = ui.get(path);
            context.runOnContext(ignored -> {
                var response = ctx.response().setStatusCode(asset.status()).putHeader("Content-Type", asset.contentType())
                        .putHeader("Cache-Control", asset.cacheControl()).putHeader("X-Content-Type-Options", "nosniff");
                if (ctx.request().method() == HttpMethod.HEAD) {
                    response.putHeader("Content-Length", String.valueOf(asset.body().length)).end();
                } else {
                    response.end(Buffer.buffer(asset.body()));
                }
            });
        });
    }

    private static void failed(RoutingContext ctx, int status) {
        ApiError error = switch (status) {
            case 400 -> ApiError.invalid("the request is malformed");
            case 404 -> ApiError.notFound("nothing is served at " + ctx.request().method().name() + " " + ctx.request().path());
            case 405 -> new ApiError(ApiError.Kind.METHOD_NOT_ALLOWED, ctx.request().method().name() + " is not allowed on " + ctx.request().path());
            case 413 -> new ApiError(ApiError.Kind.PAYLOAD_TOO_LARGE, "the body is larger than the limit");
            default -> {
                if (ctx.failure() != null) {
                    LOG.error("{} {} failed", ctx.request().method().name(), ctx.request().path(), ctx.failure());
                }
                yield ctx.failure() == null ? new ApiError(ApiError.Kind.INTERNAL, "internal error") : ErrorMapping.of(ctx.failure());
            }
        };
        if (status == 413 && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
        }
        Calls.write(ctx.response(), Reply.error(error));
    }
}
