package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.render.helm.ChartReference.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Helm repository served in process over HTTP with basic authentication: an index.yaml and the web chart packaged by Helm. */
class ChartRepositoryTest {

    private static final Credentials GOOD = new Credentials("reader", "s3cret-pass");

    @TempDir
    Path served;

    @TempDir
    Path cache;

    private HttpServer server;
    private final AtomicInteger packageDownloads = new AtomicInteger();
    private String url;

    @BeforeEach
    void serve_the_web_chart() throws Exception {
        new Helm(Path.of("src/test/resources/repo/charts/web")).packageIt().withDestination(served).call();
        byte[] archive = Files.readAllBytes(served.resolve("web-1.2.0.tgz"));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        byte[] index = ("""
                apiVersion: v1
                entries:
                  web:
                    - name: web
                      version: 1.2.0
                      digest: %s
                      urls: [charts/web-1.2.0.tgz]
                    - name: web
                      version: 1.3.0-rc.1
                      urls: [charts/web-1.3.0-rc.1.tgz]
                    - name: web
                      version: 0.9.0
                      urls: [charts/web-0.9.0.tgz]
                """.formatted(digest)).getBytes();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        protect(server.createContext("/repo/index.yaml", exchange -> answer(exchange, index)));
        protect(server.createContext("/repo/charts/web-1.2.0.tgz", exchange -> {
            packageDownloads.incrementAndGet();
            answer(exchange, archive);
        }));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HelmRenderer renderer() {
        return new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults(), new ChartRepository(cache));
    }

    @Test
    void renders_a_chart_from_a_repository_with_credentials() {
        RenderResult result = renderer().render(new ChartReference(url, "web", "1.2.0", GOOD),
                HelmOptions.defaults("shop").withValueFiles(List.of("values-prod.yaml")));

        assertThat(result.manifests()).extracting(m -> m.kind() + "/" + m.name() + " " + m.origin()).containsExactly(
                "CustomResourceDefinition/widgets.example.org web/crds/widgets.yaml:1",
                "ConfigMap/shop-cache web/charts/cache/templates/configmap.yaml",
                "ConfigMap/shop-config web/templates/configmap.yaml",
                "Service/shop-web web/templates/configmap.yaml",
                "Deployment/shop-web web/templates/deployment.yaml",
                "Job/shop-migrate web/templates/migrate-job.yaml");
        Manifest deployment = result.manifests().get(4);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void downloads_a_version_once_and_then_uses_the_cache() {
        HelmRenderer renderer = renderer();
        var reference = new ChartReference(url, "web", "1.2.0", GOOD);

        renderer.render(reference, HelmOptions.defaults("a"));
        server.stop(0);
        RenderResult again = renderer.render(reference, HelmOptions.defaults("b"));

        assertThat(packageDownloads).hasValue(1);
        assertThat(again.manifests()).extracting(Manifest::name).contains("b-web");
    }

    @Test
    void without_a_version_takes_the_newest_release() {
        Path archive = new ChartRepository(cache).fetch(new ChartReference(url, "web", "", GOOD));

        assertThat(archive).isRegularFile();
        assertThat(packageDownloads).hasValue(1);
    }

    @Test
    void a_version_range_takes_the_highest_version_it_admits() {
        Path archive = new ChartRepository(cache).fetch(new ChartReference(url, "web", "^1.0", GOOD));

        assertThat(archive).isRegularFile();
        assertThat(new ChartRepository(cache).resolve(new ChartReference(url, "web", "^1.0", GOOD))).isEqualTo("1.2.0");
        assertThat(new ChartRepository(cache).resolve(new ChartReference(url, "web", "", GOOD))).isEqualTo("1.2.0");
        assertThat(new ChartRepository(cache).resolve(new ChartReference(url, "web", ">=0.1 <1", GOOD))).isEqualTo("0.9.0");
        assertThat(packageDownloads).hasValue(1);
        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(url, "web", ">=2.0.0 <3", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("chart web >=2.0.0 <3 from " + url + ": the repository has no version in the range >=2.0.0 <3 of web;"
                        + " it has 1.3.0-rc.1, 1.2.0, 0.9.0");
        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(url, "web", "stable", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessageContaining("stable is neither a chart version nor a version range");
    }

    @Test
    void dependencies_a_chart_in_git_does_not_vendor_are_fetched_from_their_repository_and_from_the_tree(@TempDir Path repo)
            throws IOException {
        Files.createDirectories(repo.resolve("umbrella"));
        Files.writeString(repo.resolve("umbrella/Chart.yaml"), """
                apiVersion: v2
                name: umbrella
                version: 0.1.0
                dependencies:
                  - name: web
                    version: "^1.0"
                    repository: %s
                  - name: common
                    version: 0.1.0
                    repository: file://../common
                """.formatted(url));
        Files.createDirectories(repo.resolve("common/templates"));
        Files.writeString(repo.resolve("common/Chart.yaml"), "apiVersion: v2\nname: common\nversion: 0.1.0\n");
        Files.writeString(repo.resolve("common/templates/settings.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-common\n");

        RenderResult result = renderer().withDependencyCredentials(repository -> repository.equals(url) ? GOOD : Credentials.NONE)
                .render(new dev.capstan.engine.render.DirectorySourceTree(repo), "umbrella", HelmOptions.defaults("shop"));

        assertThat(result.manifests()).extracting(m -> m.kind() + "/" + m.name())
                .contains("ConfigMap/shop-common", "Deployment/shop-web", "ConfigMap/shop-config");
        assertThat(packageDownloads).hasValue(1);
    }

    @Test
    void a_dependency_named_by_a_repository_alias_is_an_error_naming_it(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("umbrella"));
        Files.writeString(repo.resolve("umbrella/Chart.yaml"), """
                apiVersion: v2
                name: umbrella
                version: 0.1.0
                dependencies:
                  - name: redis
                    version: 17.x
                    repository: "@bitnami"
                """);

        assertThatThrownBy(() -> renderer().render(new dev.capstan.engine.render.DirectorySourceTree(repo), "umbrella", HelmOptions.defaults("shop")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessageContaining("umbrella/Chart.yaml").hasMessageContaining("dependency redis is not in charts/ and its repository @bitnami is not a URL");
    }

    @Test
    void wrong_credentials_are_an_error_that_does_not_show_them() {
        var reference = new ChartReference(url, "web", "1.2.0", new Credentials("reader", "wrong-pass"));

        assertThatThrownBy(() -> new ChartRepository(cache).fetch(reference))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessage("chart web 1.2.0 from " + url + ": the repository refused the credentials for the repository's index.yaml (HTTP 401)")
                .hasMessageNotContaining("wrong-pass");
    }

    @Test
    void a_chart_the_repository_does_not_have_is_an_error_naming_it() {
        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(url, "shop", "1.0.0", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("chart shop 1.0.0 from " + url + ": the repository has no chart named shop");
    }

    @Test
    void a_version_the_repository_does_not_have_is_an_error_listing_those_it_has() {
        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(url, "web", "2.0.0", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("chart web 2.0.0 from " + url + ": the repository has no version 2.0.0 of web; it has 1.3.0-rc.1, 1.2.0, 0.9.0");
    }

    @Test
    void a_repository_that_cannot_be_reached_is_a_transient_error() {
        server.stop(0);

        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(url, "web", "1.2.0", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason().isTransient()).isTrue());
    }

    private static void protect(HttpContext context) {
        context.setAuthenticator(new BasicAuthenticator("charts") {
            @Override
            public boolean checkCredentials(String username, String password) {
                return username.equals(GOOD.username()) && password.equals(GOOD.password());
            }
        });
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
