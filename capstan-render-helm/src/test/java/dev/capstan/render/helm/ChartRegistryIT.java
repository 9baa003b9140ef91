package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.render.helm.ChartReference.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts pulled from a real OCI registry (CNCF distribution, built from Go modules) with basic authentication. */
class ChartRegistryIT {

    private static final Credentials GOOD = new Credentials("puller", "registry-s3cret");

    @TempDir
    static Path directory;

    @TempDir
    Path cache;

    private static TestRegistry registry;

    @BeforeAll
    static void push_three_versions_of_the_web_chart() throws Exception {
        registry = TestRegistry.start(Files.createDirectories(directory.resolve("registry")), GOOD);
        for (String version : List.of("0.9.0", "1.2.0", "1.3.0-rc.1")) {
            registry.push("web", version, packaged(version));
        }
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private HelmRenderer renderer() {
        return new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults(), new ChartRepository(cache));
    }

    @Test
    void renders_a_chart_pulled_from_the_registry_with_credentials() {
        RenderResult result = renderer().render(new ChartReference(registry.url(), "web", "1.2.0", GOOD),
                HelmOptions.defaults("shop").withValueFiles(List.of("values-prod.yaml")));

        assertThat(result.manifests()).extracting(m -> m.kind() + "/" + m.name()).containsExactly(
                "CustomResourceDefinition/widgets.example.org", "ConfigMap/shop-cache", "ConfigMap/shop-config", "Service/shop-web",
                "Deployment/shop-web", "Job/shop-migrate");
        Manifest deployment = result.manifests().get(4);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.annotation("chart-version")).contains("1.2.0");
    }

    @Test
    void without_a_version_takes_the_newest_release_among_the_tags() {
        RenderResult result = renderer().render(new ChartReference(registry.url(), "web", "", GOOD), HelmOptions.defaults("shop"));

        assertThat(result.manifests()).filteredOn(m -> m.kind().equals("Deployment")).singleElement()
                .satisfies(deployment -> assertThat(deployment.annotation("chart-version")).contains("1.2.0"));
    }

    @Test
    void wrong_credentials_are_an_error_that_does_not_show_them() {
        var reference = new ChartReference(registry.url(), "web", "1.2.0", new Credentials("puller", "wrong-pass"));

        assertThatThrownBy(() -> new ChartRepository(cache).fetch(reference))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessage("chart web 1.2.0 from " + registry.url() + ": the registry refused the credentials for the manifest of version 1.2.0 (HTTP 401)")
                .hasMessageNotContaining("wrong-pass");
    }

    @Test
    void a_chart_or_version_the_registry_does_not_have_is_an_error_naming_it() {
        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(registry.url(), "web", "2.0.0", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("chart web 2.0.0 from " + registry.url() + ": the manifest of version 2.0.0 is not in the registry (HTTP 404)");
        assertThatThrownBy(() -> new ChartRepository(cache).fetch(new ChartReference(registry.url(), "shop", "", GOOD)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    /** The web chart of the test resources, packaged by Helm with {@code version} in its Chart.yaml. */
    private static byte[] packaged(String version) throws IOException {
        Path copy = directory.resolve("chart-" + version).resolve("web");
        Path source = Path.of("src/test/resources/repo/charts/web");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replace("version: 1.2.0", "version: " + version));
        Path deployment = copy.resolve("templates/deployment.yaml");
        Files.writeString(deployment, Files.readString(deployment).replace("  namespace: {{ .Release.Namespace }}\n",
                "  namespace: {{ .Release.Namespace }}\n  annotations: {chart-version: \"{{ .Chart.Version }}\"}\n"));
        Path out = Files.createDirectories(directory.resolve("packaged-" + version));
        new Helm(copy).packageIt().withDestination(out).call();
        return Files.readAllBytes(out.resolve("web-" + version + ".tgz"));
    }
}
