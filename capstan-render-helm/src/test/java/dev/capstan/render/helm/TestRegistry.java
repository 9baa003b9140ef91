package dev.capstan.render.helm;

import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.GoProgram;
import dev.capstan.render.helm.ChartReference.Credentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The CNCF distribution registry, built from Go modules by a pinned recipe ({@code registry/}
 * beside this class) and run on a loopback port with basic authentication from an htpasswd
 * file. Charts are pushed the way Helm pushes them: a config blob, the packaged chart as a
 * layer of Helm's chart media type, and an OCI manifest tagged with the chart's version.
 */
final class TestRegistry implements AutoCloseable {

    static final GoProgram.Recipe RECIPE = new GoProgram.Recipe("registry", "3.1.2",
            "github.com/distribution/distribution/v3/cmd/registry", TestRegistry.class, "registry", List.of("--version"));
    private static final String CONFIG_TYPE = "application/vnd.cncf.helm.config.v1+json";
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private final Process process;
    private final int port;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestRegistry(Process process, int port, Credentials credentials) {
        this.process = process;
        this.port = port;
        this.credentials = credentials;
    }

    static TestRegistry start(Path directory, Credentials credentials) throws IOException, InterruptedException {
        Path registry = GoProgram.inHome(RECIPE, CapstanHome.fromEnvironment()).ensureBuilt();
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Files.writeString(directory.resolve("htpasswd"), credentials.username() + ":"
                + OpenBSDBCrypt.generate("2y", credentials.password().toCharArray(), salt, 6) + "\n");
        Files.writeString(directory.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                auth:
                  htpasswd:
                    realm: capstan-test
                    path: %s
                """.formatted(directory.resolve("data"), port, directory.resolve("htpasswd")));
        Process process = new ProcessBuilder(registry.toString(), "serve", directory.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
        var started = new TestRegistry(process, port, credentials);
        started.awaitReady(directory);
        return started;
    }

    /** {@code oci://127.0.0.1:PORT/charts} */
    String url() {
        return "oci://127.0.0.1:" + port + "/charts";
    }

    /** Pushes a packaged chart as {@code charts/<name>:<version>}. */
    void push(String name, String version, byte[] chart) throws IOException, InterruptedException {
        String repository = "charts/" + name;
        byte[] config = ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"apiVersion\":\"v2\"}").getBytes(StandardCharsets.UTF_8);
        String configDigest = upload(repository, config);
        String chartDigest = upload(repository, chart);
        String manifest = """
                {"schemaVersion":2,"mediaType":"%s",
                 "config":{"mediaType":"%s","digest":"%s","size":%d},
                 "layers":[{"mediaType":"%s","digest":"%s","size":%d}]}
                """.formatted(MANIFEST_TYPE, CONFIG_TYPE, configDigest, config.length, OciRegistry.CHART_LAYER, chartDigest, chart.length);
        send(HttpRequest.newBuilder(api(repository + "/manifests/" + version.replace('+', '_')))
                .header("Content-Type", MANIFEST_TYPE).PUT(HttpRequest.BodyPublishers.ofString(manifest)), 201);
    }

    private String upload(String repository, byte[] blob) throws IOException, InterruptedException {
        String digest = "sha256:" + ChartRepository.sha256(blob);
        HttpResponse<String> started = send(HttpRequest.newBuilder(api(repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        URI location = api("").resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)), 201);
        return digest;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", ChartRepository.basic(credentials))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.build().method() + " " + request.build().uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private URI api(String tail) {
        return URI.create("http://127.0.0.1:" + port + "/v2/" + tail);
    }

    private void awaitReady(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the registry exited: " + Files.readString(directory.resolve("registry.log")));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(api("")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401 || status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("the registry did not answer on port " + port + " within 30 s: " + Files.readString(directory.resolve("registry.log")));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
