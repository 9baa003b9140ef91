package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.capstan.render.helm.ChartReference.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token flow of registries such as ghcr.io and Docker Hub, served in process: the registry
 * answers 401 with a bearer challenge, its token service gives a token for the credentials, and
 * the chart's blob is redirected to storage on another origin, which must not see them.
 */
class OciRegistryTest {

    private static final Credentials GOOD = new Credentials("puller", "token-s3cret");
    private static final byte[] CHART = "not really a tgz, but the digest is what is checked".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path cache;

    private HttpServer registry;
    private HttpServer storage;
    private final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/blob", exchange -> {
            storageAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, 200, CHART);
        });
        storage.start();
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String realm = "http://127.0.0.1:" + "%d/token";
        registry.createContext("/token", exchange -> {
            tokenRequests.add(exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, "{\"token\":\"t0ken\"}".getBytes(StandardCharsets.UTF_8));
        });
        String digest = "sha256:" + ChartRepository.sha256(CHART);
        registry.createContext("/v2/", exchange -> {
            if (!"Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm.formatted(registry.getAddress().getPort())
                        + "\",service=\"test-registry\",scope=\"repository:charts/web:pull\"");
                answer(exchange, 401, new byte[0]);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v2/charts/web/tags/list")) {
                answer(exchange, 200, "{\"name\":\"charts/web\",\"tags\":[\"1.0.0\",\"1.1.0_build.7\",\"2.0.0-rc.1\"]}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/v2/charts/web/manifests/1.1.0_build.7")) {
                answer(exchange, 200, ("{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"" + OciRegistry.CHART_LAYER + "\",\"digest\":\""
                        + digest + "\",\"size\":" + CHART.length + "}]}").getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/v2/charts/web/blobs/" + digest)) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort() + "/blob?signed=1");
                answer(exchange, 307, new byte[0]);
            } else {
                answer(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
            }
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        storage.stop(0);
    }

    @Test
    void a_bearer_challenge_is_answered_with_a_token_and_the_newest_release_is_pulled_from_redirected_storage() throws IOException {
        String url = "oci://127.0.0.1:" + registry.getAddress().getPort() + "/charts";

        Path chart = new ChartRepository(cache).fetch(new ChartReference(url, "web", "", GOOD));

        assertThat(Files.readAllBytes(chart)).isEqualTo(CHART);
        assertThat(tokenRequests).isNotEmpty().allSatisfy(request -> assertThat(request)
                .isEqualTo("scope=repository:charts/web:pull&service=test-registry " + ChartRepository.basic(GOOD)));
        assertThat(storageAuthorizations).as("the storage on another origin gets no credentials").containsExactly("null");
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
