package dev.capstan.controller.webhook;

import static dev.capstan.controller.webhook.WebhookHandlerTest.githubHeaders;
import static dev.capstan.controller.webhook.WebhookHandlerTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookServerTest {

    private static final String SECRET = "server-test-secret";

    private final List<PushEvent> received = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private WebhookServer server;

    @BeforeEach
    void start() {
        var handler = new WebhookHandler(WebhookSecrets.none().withSecret(Provider.GITHUB, SECRET), WebhookOptions.defaults(), received::add);
        server = WebhookServer.start(handler, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> post(Map<String, String> headers, BodyPublisher body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(WebhookServer.WEBHOOK_PATH)).timeout(Duration.ofSeconds(20)).POST(body);
        headers.forEach(request::header);
        return client.send(request.build(), BodyHandlers.ofString());
    }

    @Test
    void hands_a_signed_github_push_to_the_consumer() throws Exception {
        byte[] body = payload("github-push.json");

        HttpResponse<String> response = post(githubHeaders("push", body, SECRET), BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"accepted\":1");
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.ref()).isEqualTo("refs/heads/main");
            assertThat(event.repositoryUrls()).contains("https://github.com/harbour-labs/shipyard.git");
        });
    }

    @Test
    void refuses_a_bad_signature_without_calling_the_consumer() throws Exception {
        byte[] body = payload("github-push.json");

        HttpResponse<String> response = post(githubHeaders("push", body, "not-the-secret"), BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"reason\":\"SignatureMismatch\"");
        assertThat(received).isEmpty();
    }

    @Test
    void refuses_a_declared_body_over_the_limit() throws Exception {
        byte[] body = spaces(2 * 1024 * 1024);

        HttpResponse<String> response = post(githubHeaders("push", body, SECRET), BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"reason\":\"PayloadTooLarge\"");
        assertThat(received).isEmpty();
    }

    @Test
    void refuses_a_chunked_body_once_it_passes_the_limit() throws Exception {
        byte[] body = spaces(2 * 1024 * 1024);
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        HttpResponse<String> response = post(githubHeaders("push", body, SECRET), chunked);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(received).isEmpty();
    }

    @Test
    void answers_413_while_the_client_is_still_sending() throws Exception {
        // A chunked body that passes the limit and never ends: only a server that counts while it
        // reads can answer. HttpClient reads no answer before it has sent the whole body, so a socket.
        int limit = WebhookOptions.DEFAULT_MAX_BODY_BYTES;
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + WebhookServer.WEBHOOK_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-GitHub-Event: push\r\nX-Hub-Signature-256: sha256=00\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = spaces(64 * 1024);
            for (int sent = 0; sent <= limit; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();

            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void answers_405_to_other_methods_and_404_elsewhere() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri(WebhookServer.WEBHOOK_PATH)).GET().build(), BodyHandlers.ofString());
        HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(uri("/api/other")).GET().build(), BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("\"reason\":\"NotFound\"");
    }

    @Test
    void answers_health_checks() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(WebhookServer.HEALTH_PATH)).GET().build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void stops_listening_when_closed() {
        int port = server.port();
        assertThat(port).isPositive();

        server.close();
        server.close();

        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WebhookServer.HEALTH_PATH)).GET().build();
        assertThatThrownBy(() -> client.send(request, BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    private static byte[] spaces(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        return body;
    }
}
