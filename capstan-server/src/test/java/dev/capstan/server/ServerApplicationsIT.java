package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;
import dev.capstan.testkit.ManifestTexts;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP API against a real API server, a real controller and a Git server: what a user of the
 * UI or of a script sees through the API, and what it does to the cluster. Callers are {@code admin}
 * (everything allowed) and {@code viewer} (only {@code get}), with tokens of a test access control.
 */
@WithControlPlane
class ServerApplicationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String ADMIN = "admin-token";
    private static final String VIEWER = "viewer-token";

    @TempDir
    static Path temporary;

    private static KubernetesClient client;
    private static String appNamespace;
    private static GitHttpServer git;
    private static CapstanController controller;
    private static CapstanServer server;
    private static HttpClient http;

    private String destination;
    private HostedRepository repository;
    private String repositoryName;

    @BeforeAll
    static void start(KubernetesClient kubernetesClient, TestNamespace namespace) {
        client = kubernetesClient;
        appNamespace = namespace.name();
        CustomResourceDefinitions.install(client, "capstan-test", TIMEOUT);
        git = GitHttpServer.start(temporary.resolve("served"));
        controller = CapstanController.start(client, ControllerOptions.defaults(temporary.resolve("cache")).withNamespace(appNamespace)
                .withPollInterval(Duration.ofSeconds(2)).withWorkers(4));
        var access = TableAccessControl.denyingAll().user("admin", "admin-password").token(ADMIN, "admin").token(VIEWER, "viewer")
                .rule("admin", "*", "*", "*", true)
                .rule("viewer", "*", "get", "*", true);
        server = CapstanServer.start(ServerOptions.defaults().withAddress("127.0.0.1", 0).withKeepAlive(Duration.ofMillis(500)),
                client, controller, access);
        http = HttpClient.newHttpClient();
        var project = call("POST", "/api/v1/projects", ADMIN, """
                {"project": {"apiVersion": "capstan.dev/v1alpha1", "kind": "AppProject", "metadata": {"name": "default"},
                 "spec": {"sourceRepos": ["*"], "destinations": [{"server": "*", "namespace": "*"}],
                          "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]}}}
                """);
        assertThat(project.statusCode()).as(project.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (http != null) {
            http.close();
        }
        controller.close();
        git.close();
    }

    @BeforeEach
    void a_destination_and_a_repository_of_its_own() {
        String id = UUID.randomUUID().toString().substring(0, 6);
        destination = "dest-" + id;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(destination).endMetadata().build()).create();
        repositoryName = "repo-" + id;
        repository = git.create(repositoryName);
    }

    @Test
    void lists_and_gets_an_application_and_refuses_callers_without_a_valid_token() {
        repository.commit("main", Map.of("app/config.yaml", configMap("settings", "colour", "blue")), "blue");
        var created = call("POST", "/api/v1/applications", ADMIN, application("listed"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(names(json(call("GET", "/api/v1/applications?search=LIST", VIEWER)).path("items")))
                .contains("listed"));
        assertThat(names(json(call("GET", "/api/v1/applications?project=other", ADMIN)).path("items"))).doesNotContain("listed");
        ObjectNode got = json(call("GET", "/api/v1/applications/listed", VIEWER));
        assertThat(got.at("/spec/source/repoURL").asString()).isEqualTo(git.url(repositoryName));
        assertThat(got.at("/kind").asString()).isEqualTo("Application");

        var again = call("POST", "/api/v1/applications", ADMIN, application("listed").replace("\"path\": \"app\"", "\"path\": \"other\""));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asString()).isEqualTo("AlreadyExists");

        var anonymous = call("GET", "/api/v1/applications", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("error").asString()).isEqualTo("Unauthenticated");
        assertThat(call("GET", "/api/v1/applications/listed", "forged-token").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/applications/nothing-here", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void a_sync_through_the_api_makes_the_application_synced_and_its_tree_shows_pods_under_replica_sets_under_the_deployment() {
        repository.commit("main", Map.of("app/web.yaml", deployment("web"), "app/config.yaml", configMap("settings", "k", "v")), "web");
        assertThat(call("POST", "/api/v1/applications", ADMIN, application("synced")).statusCode()).isEqualTo(200);

        var synced = call("POST", "/api/v1/applications/synced/sync", ADMIN, "{\"prune\": false}");
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(json(synced).at("/operation/initiatedBy/username").asString()).isEqualTo("admin");

        await().atMost(TIMEOUT).until(() -> json(call("GET", "/api/v1/applications/synced", ADMIN)).at("/status/sync/status").asString(),
                "Synced"::equals);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode nodes = json(call("GET", "/api/v1/applications/synced/resource-tree", VIEWER)).path("nodes");
            JsonNode deployment = node(nodes, "Deployment");
            JsonNode replicaSet = node(nodes, "ReplicaSet");
            JsonNode pod = node(nodes, "Pod");
            assertThat(deployment.path("managed").asBoolean()).isTrue();
            assertThat(deployment.path("parentRefs")).isEmpty();
            assertThat(replicaSet.at("/parentRefs/0/uid").asString()).isEqualTo(deployment.path("uid").asString());
            assertThat(pod.at("/parentRefs/0/uid").asString()).isEqualTo(replicaSet.path("uid").asString());
            assertThat(pod.path("managed").asBoolean()).isFalse();
            assertThat(node(nodes, "ConfigMap").path("sync").asString()).isEqualTo("Synced");
        });
    }

    @Test
    void a_managed_config_map_changed_by_hand_shows_out_of_sync_with_a_diff_naming_the_field() {
        repository.commit("main", Map.of("app/config.yaml", configMap("drifting", "colour", "blue")), "blue");
        assertThat(call("POST", "/api/v1/applications", ADMIN, application("drift")).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/applications/drift/sync", ADMIN, "").statusCode()).isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> json(call("GET", "/api/v1/applications/drift", ADMIN)).at("/status/sync/status").asString(),
                "Synced"::equals);

        client.configMaps().inNamespace(destination).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName("drifting").withNamespace(destination).endMetadata()
                        .addToData("colour", "red").build())
                .fieldManager("someone-with-kubectl").forceConflicts().serverSideApply();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode items = json(call("GET", "/api/v1/applications/drift/managed-resources", VIEWER)).path("items");
            JsonNode item = items.get(0);
            assertThat(item.path("kind").asString()).isEqualTo("ConfigMap");
            assertThat(item.path("status").asString()).isEqualTo("OutOfSync");
            assertThat(item.path("diff").asString()).contains("colour", "-  colour: red", "+  colour: blue");
            assertThat(json(item.path("liveState").asString()).at("/data/colour").asString()).isEqualTo("red");
            assertThat(json(item.path("predictedLiveState").asString()).at("/data/colour").asString()).isEqualTo("blue");
        });
        String manifest = json(call("GET", "/api/v1/applications/drift/resource?kind=ConfigMap&namespace=" + destination
                + "&resourceName=drifting", VIEWER)).path("manifest").asString();
        assertThat(json(manifest).at("/data/colour").asString()).isEqualTo("red");
    }

    @Test
    void rollback_syncs_back_to_an_earlier_history_entry() {
        String first = repository.commit("main", Map.of("app/config.yaml", configMap("release", "version", "1")), "v1");
        assertThat(call("POST", "/api/v1/applications", ADMIN, application("rollback")).statusCode()).isEqualTo(200);
        call("POST", "/api/v1/applications/rollback/sync", ADMIN, "{}");
        await().atMost(TIMEOUT).until(() -> history(json(call("GET", "/api/v1/applications/rollback", ADMIN))).size(), size -> size == 1);

        repository.commit("main", Map.of("app/config.yaml", configMap("release", "version", "2")), "v2");
        call("GET", "/api/v1/applications/rollback?refresh=normal", ADMIN);
        await().atMost(TIMEOUT).until(() -> {
            var answer = call("POST", "/api/v1/applications/rollback/sync", ADMIN, "{}");
            return answer.statusCode() == 200;
        });
        await().atMost(TIMEOUT).until(() -> history(json(call("GET", "/api/v1/applications/rollback", ADMIN))).size(), size -> size == 2);
        assertThat(client.configMaps().inNamespace(destination).withName("release").get().getData()).containsEntry("version", "2");
        long firstId = history(json(call("GET", "/api/v1/applications/rollback", ADMIN))).getFirst().path("id").asLong();

        var rollback = call("POST", "/api/v1/applications/rollback/rollback", ADMIN, "{\"id\": " + firstId + "}");
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        assertThat(json(rollback).at("/operation/sync/revision").asString()).isEqualTo(first);

        await().atMost(TIMEOUT).until(() -> history(json(call("GET", "/api/v1/applications/rollback", ADMIN))).size(), size -> size == 3);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.configMaps().inNamespace(destination).withName("release").get()
                .getData()).containsEntry("version", "1"));
        assertThat(call("POST", "/api/v1/applications/rollback/rollback", ADMIN, "{\"id\": 999}").statusCode()).isEqualTo(400);
    }

    @Test
    void the_stream_sends_the_applications_then_their_changes_and_forgets_a_client_that_leaves() throws Exception {
        repository.commit("main", Map.of("app/config.yaml", configMap("streamed", "k", "v")), "one");
        assertThat(call("POST", "/api/v1/applications", ADMIN, application("streamed")).statusCode()).isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> controller.applications().stream().anyMatch(a -> a.getMetadata().getName().equals("streamed")));

        List<String> events = new CopyOnWriteArrayList<>();
        var request = HttpRequest.newBuilder(uri("/api/v1/stream/applications?name=streamed")).header("Authorization", "Bearer " + VIEWER).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    events.add(line);
                }
            } catch (Exception e) {
                events.add("closed: " + e);
            }
        });
        await().atMost(TIMEOUT).until(() -> events.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"type\":\"ADDED\"")
                && line.contains("\"name\":\"streamed\"")));
        assertThat(server.streams()).isEqualTo(1);

        call("GET", "/api/v1/applications/streamed?refresh=normal", ADMIN);

        await().atMost(TIMEOUT).until(() -> events.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"type\":\"MODIFIED\"")));
        await().atMost(TIMEOUT).until(() -> events.contains(": keep-alive"));
        assertThat(events).filteredOn(line -> line.startsWith("data:")).allSatisfy(line -> assertThat(line).contains("\"name\":\"streamed\""));
        JsonNode first = json(events.stream().filter(line -> line.startsWith("data:")).findFirst().orElseThrow().substring(5));
        assertThat(first.at("/result/application/metadata/name").asString()).isEqualTo("streamed");

        response.body().close();
        reader.interrupt();
        await().atMost(TIMEOUT).until(() -> server.streams() == 0);
    }

    @Test
    void a_caller_the_policy_denies_gets_403_and_nothing_changes() {
        repository.commit("main", Map.of("app/config.yaml", configMap("guarded", "k", "v")), "one");
        assertThat(call("POST", "/api/v1/applications", ADMIN, application("guarded")).statusCode()).isEqualTo(200);

        var sync = call("POST", "/api/v1/applications/guarded/sync", VIEWER, "{}");
        assertThat(sync.statusCode()).isEqualTo(403);
        assertThat(json(sync).path("message").asString()).isEqualTo("permission denied: applications, sync, default/guarded");
        assertThat(call("DELETE", "/api/v1/applications/guarded", VIEWER).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/v1/applications/guarded", VIEWER, application("guarded").replace("\"path\": \"app\"", "\"path\": \"x\""))
                .statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/applications", VIEWER, application("sneaky")).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/repositories", VIEWER, "{\"repo\": \"https://git.example/x.git\"}").statusCode()).isEqualTo(403);

        Application stored = client.resources(Application.class).inNamespace(appNamespace).withName("guarded").get();
        assertThat(stored).isNotNull();
        assertThat(stored.getOperation()).isNull();
        assertThat(stored.getMetadata().getDeletionTimestamp()).isNull();
        assertThat(stored.getSpec().getSource().getPath()).isEqualTo("app");
        assertThat(client.resources(Application.class).inNamespace(appNamespace).withName("sneaky").get()).isNull();
        assertThat(call("GET", "/api/v1/applications/guarded", VIEWER).statusCode()).isEqualTo(200);
    }

    @Test
    void every_failure_is_a_json_error_and_health_metrics_and_the_ui_page_are_served() {
        assertThat(error(call("GET", "/api/v1/no-such-thing", ADMIN))).isEqualTo("404 NotFound");
        assertThat(error(call("PATCH", "/api/v1/applications", ADMIN, "{}"))).isEqualTo("405 MethodNotAllowed");
        assertThat(error(call("POST", "/api/v1/applications", ADMIN, "{\"metadata\": "))).isEqualTo("400 InvalidArgument");
        assertThat(error(call("POST", "/api/v1/applications", ADMIN, "{\"x\": \"" + "a".repeat(1_100_000) + "\"}"))).isEqualTo("413 PayloadTooLarge");

        var health = call("GET", "/healthz", null);
        assertThat(health.body()).isEqualTo("ok");
        call("GET", "/api/v1/applications", ADMIN);
        String metrics = call("GET", "/metrics", null).body();
        assertThat(metrics).contains("capstan_api_requests_total{", "capstan_api_request_duration_seconds_count{", "route=\"/api/v1/applications\"");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(call("GET", "/metrics", null).body())
                .contains("capstan_app_reconcile_seconds_count{", "capstan_app_sync_status{", "capstan_git_request_duration_seconds_count{"));
        assertThat(call("GET", "/api/v1/openapi.json", null).body()).contains("\"openapi\"");

        var page = call("GET", "/applications/web", null);
        assertThat(page.statusCode()).as("a deep link loads the web UI, whose router shows the page").isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"root\"></div>", "/assets/index-");
        assertThat(call("POST", "/api/webhook", null, "{}").statusCode()).as("a webhook from no known provider").isEqualTo(400);
    }

    @Test
    void a_login_sets_an_http_only_cookie_that_authenticates_and_too_many_failures_are_limited() {
        var login = call("POST", "/api/v1/session", null, "{\"username\": \"admin\", \"password\": \"admin-password\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("capstan.token=").contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");
        String token = json(login).path("token").asString();
        assertThat(cookie).contains(token);

        var userInfo = http(HttpRequest.newBuilder(uri("/api/v1/session/userinfo")).header("Cookie", cookie.split(";")[0]).GET());
        assertThat(json(userInfo).path("loggedIn").asBoolean()).isTrue();
        assertThat(json(userInfo).path("username").asString()).isEqualTo("admin");
        assertThat(json(call("GET", "/api/v1/session/userinfo", null)).path("loggedIn").asBoolean()).isFalse();

        assertThat(call("DELETE", "/api/v1/session", token).headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(call("GET", "/api/v1/applications", token).statusCode()).as("the session is revoked").isEqualTo(401);

        var wrong = call("POST", "/api/v1/session", null, "{\"username\": \"admin\", \"password\": \"wrong\"}");
        assertThat(error(wrong)).isEqualTo("401 Unauthenticated");
        assertThat(json(wrong).path("message").asString()).isEqualTo("invalid username or password");
        HttpResponse<String> last = wrong;
        for (int attempt = 0; attempt < 6; attempt++) {
            last = call("POST", "/api/v1/session", null, "{\"username\": \"admin\", \"password\": \"wrong\"}");
        }
        assertThat(error(last)).isEqualTo("429 TooManyRequests");
        assertThat(last.headers().firstValue("Retry-After")).contains("42");
    }

    // --- helpers ----------------------------------------------------------------------------

    private String application(String name) {
        return """
                {"apiVersion": "capstan.dev/v1alpha1", "kind": "Application", "metadata": {"name": "%s"},
                 "spec": {"project": "default", "source": {"repoURL": "%s", "targetRevision": "main", "path": "app"},
                          "destination": {"server": "https://kubernetes.default.svc", "namespace": "%s"}}}
                """.formatted(name, git.url(repositoryName), destination);
    }

    private static List<JsonNode> history(JsonNode application) {
        List<JsonNode> entries = new ArrayList<>();
        application.at("/status/history").forEach(entries::add);
        return entries;
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.at("/metadata/name").asString()));
        return names;
    }

    private static JsonNode node(JsonNode nodes, String kind) {
        for (JsonNode node : nodes) {
            if (kind.equals(node.path("kind").asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + kind + " in the tree: " + nodes);
    }

    private static String error(HttpResponse<String> response) {
        return response.statusCode() + " " + json(response).path("error").asString();
    }

    private static ObjectNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static ObjectNode json(String text) {
        return Json.body(text);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> call(String method, String path, String token) {
        return call(method, path, token, null);
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http(request);
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String configMap(String name, String key, String value) {
        return ManifestTexts.configMap(name, key, value);
    }

    private static String deployment(String name) {
        return ManifestTexts.deployment(name, "registry.example/" + name + ":1", "");
    }
}
