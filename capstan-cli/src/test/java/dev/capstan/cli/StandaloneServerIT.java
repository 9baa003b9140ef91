package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.controller.StandaloneApplicationView;
import dev.capstan.controller.webhook.PushEvent;
import dev.capstan.controller.webhook.Provider;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.kube.ApiRequestCounter;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;
import dev.capstan.testkit.ManifestTexts;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import tools.jackson.databind.JsonNode;

/**
 * {@code capstan server}'s view: an API server in front of a controller that runs elsewhere (here
 * the controller of {@link ServedCapstan}, the same namespace): it lists the applications, shows
 * the tree of their live objects, diffs drift against the desired state it renders from Git
 * itself, has syncs done by writing the operation the controller runs, and passes a Git push on
 * as the refresh annotation.
 */
@WithControlPlane
class StandaloneServerIT {

    @TempDir
    static Path temporary;

    private static ServedCapstan capstan;
    private static StandaloneApplicationView view;
    private static CapstanServer alone;
    private static String destination;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ApiRequestCounter REQUESTS = new ApiRequestCounter();

    @BeforeAll
    static void start(KubernetesClient client, TestNamespace namespace) {
        capstan = ServedCapstan.start(client, namespace.name(), temporary);
        destination = "alone-" + namespace.name();
        capstan.git.create("alone").commit("main", Map.of("app/settings.yaml", ManifestTexts.configMap("settings", "colour", "blue")), "blue");
        capstan.createApplication("alone", "alone", "app", destination);
        KubernetesClient counted = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("counter", REQUESTS)).build();
        view = StandaloneApplicationView.start(counted, namespace.name(), temporary.resolve("standalone-cache"));
        alone = CapstanServer.start(ServerOptions.defaults().withAddress("127.0.0.1", 0).withKubeRequests(REQUESTS), counted, view,
                capstan.access);
    }

    @AfterAll
    static void stop() {
        if (alone != null) {
            alone.close();
        }
        if (view != null) {
            view.close();
        }
        capstan.close();
    }

    @Test
    void a_server_alone_lists_syncs_shows_the_tree_and_diffs_drift_against_what_it_renders() throws Exception {
        String token = login();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(call("GET", "/api/v1/applications", token, null)).path("items").toString()).contains("\"alone\""));

        assertThat(call("POST", "/api/v1/applications/alone/sync", token, "{}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json(call("GET", "/api/v1/applications/alone", token, null))
                .at("/status/sync/status").asString()).isEqualTo("Synced"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(call("GET", "/api/v1/applications/alone/resource-tree",
                token, null)).path("nodes").toString()).contains("\"ConfigMap\"", "\"uid\""));

        capstan.client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(destination).endMetadata()
                .addToData("colour", "red").build()).fieldManager("someone-with-kubectl").forceConflicts().serverSideApply();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode items = json(call("GET", "/api/v1/applications/alone/managed-resources", token, null)).path("items");
            assertThat(items.toString()).contains("settings");
            assertThat(items.get(0).path("diff").asString()).contains("-  colour: red", "+  colour: blue");
        });

        var push = new PushEvent(Provider.GITHUB, List.of(capstan.git.url("alone")), "refs/heads/main", Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(view.pushed(push)).containsExactly("alone");

        String metrics = call("GET", "/metrics", null, null).body();
        assertThat(metrics).as("the Git requests of the renders, and this process's requests to the API server")
                .contains("capstan_git_request_duration_seconds_count{operation=\"ls-refs\",result=\"success\"}")
                .containsPattern("capstan_kube_requests_total\\{resource=\"applications\",verb=\"(watch|list)\"\\}");
    }

    private static String login() throws Exception {
        var response = call("POST", "/api/v1/session", null,
                "{\"username\": \"admin\", \"password\": \"" + capstan.initialAdminPassword() + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("token").asString();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alone.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ManifestFormat.JSON.readTree(response.body());
    }
}
