package dev.capstan.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.engine.ManifestFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The few calls of Capstan's HTTP API (docs/api.md) the CLI makes in server mode, over
 * {@code java.net.http}: log in and out, list, get and sync Applications, and wait for one by
 * polling. An error answer becomes a {@link UserError} with the server's message.
 */
final class ApiClient implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final URI server;
    private final String token;
    private final HttpClient http;

    ApiClient(String server, String token) {
        this.server = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        if (this.server.getScheme() == null || !(this.server.getScheme().equals("http") || this.server.getScheme().equals("https"))) {
            throw new UserError("the server " + server + " must be an http:// or https:// URL");
        }
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String server() {
        return server.toString();
    }

    /** Logs in; gives the session token. */
    String login(String username, String password) {
        String body = ManifestFormat.JSON.writeValueAsString(Map.of("username", username, "password", password));
        return json(send("POST", "/api/v1/session", body)).path("token").asString("");
    }

    /** A new API token of {@code account}; a zero lifetime never expires. */
    String createToken(String account, String id, java.time.Duration expiresIn) {
        String body = ManifestFormat.JSON.writeValueAsString(Map.of("id", id, "expiresIn", expiresIn.toSeconds()));
        return json(send("POST", "/api/v1/account/" + encode(account) + "/token", body)).path("token").asString("");
    }

    void logout() {
        send("DELETE", "/api/v1/session", null);
    }

    List<Application> applications(List<String> projects, String selector) {
        var query = new StringBuilder();
        projects.forEach(project -> query.append(query.isEmpty() ? "?" : "&").append("project=").append(encode(project)));
        if (selector != null) {
            query.append(query.isEmpty() ? "?" : "&").append("selector=").append(encode(selector));
        }
        List<Application> applications = new ArrayList<>();
        for (JsonNode item : json(send("GET", "/api/v1/applications" + query, null)).path("items")) {
            applications.add(SERIALIZATION.convertValue(item, Application.class));
        }
        return applications;
    }

    Application application(String name) {
        return SERIALIZATION.unmarshal(send("GET", "/api/v1/applications/" + encode(name), null), Application.class);
    }

    /** Asks for a sync with the contract's body; gives the Application with its operation set. */
    Application sync(String name, Map<String, Object> body) {
        return SERIALIZATION.unmarshal(send("POST", "/api/v1/applications/" + encode(name) + "/sync",
                ManifestFormat.JSON.writeValueAsString(body)), Application.class);
    }

    /** Asks for a rollback to history entry {@code id}; gives the Application with its operation set. */
    Application rollback(String name, long id, boolean prune) {
        return SERIALIZATION.unmarshal(send("POST", "/api/v1/applications/" + encode(name) + "/rollback",
                ManifestFormat.JSON.writeValueAsString(Map.of("id", id, "prune", prune))), Application.class);
    }

    /** Deletes the Application, its resources too with {@code cascade}. */
    void delete(String name, boolean cascade) {
        send("DELETE", "/api/v1/applications/" + encode(name) + "?cascade=" + cascade, null);
    }

    /** Polls the Application until {@code done} holds (given null once it is gone) or {@code timeout} passed. */
    ResourceStore.Awaited<Application> await(String name, Predicate<Application> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Application current = find(name);
            if (done.test(current)) {
                return new ResourceStore.Awaited<>(true, current);
            }
            if (System.nanoTime() >= deadline) {
                return new ResourceStore.Awaited<>(false, current);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while waiting for " + name);
            }
        }
    }

    private Application find(String name) {
        HttpResponse<String> response = exchange("GET", "/api/v1/applications/" + encode(name), null);
        if (response.statusCode() == 404) {
            return null;
        }
        return SERIALIZATION.unmarshal(checked(response), Application.class);
    }

    private String send(String method, String path, String body) {
        return checked(exchange(method, path, body));
    }

    private HttpResponse<String> exchange(String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(server + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserError("cannot reach the Capstan API at " + server + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while calling " + server);
        }
    }

    private String checked(HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        String message;
        try {
            JsonNode error = ManifestFormat.JSON.readTree(response.body());
            message = error.path("message").asString("");
            if (error.path("error").asString("").equals("Unauthenticated")) {
                message += " (capstan login " + server + ")";
            }
        } catch (JacksonException e) {
            message = "";
        }
        throw new UserError(server + " answered " + response.statusCode() + (message.isBlank() ? "" : ": " + message));
    }

    private static JsonNode json(String text) {
        try {
            return ManifestFormat.JSON.readTree(text);
        } catch (JacksonException e) {
            throw new UserError("the server's answer is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
