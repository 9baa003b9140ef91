package dev.capstan.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.render.RenderException.Reason;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * One test per directory under {@code render/cases}: {@code source/} is the source tree and
 * {@code case.yaml} says how to render it and what must come out, either the objects (key and
 * origin, in order; optionally whole objects and warnings) or the error (reason and exact message).
 */
class DirectoryRendererCasesTest {

    @TestFactory
    Stream<DynamicTest> renders_each_case_as_its_expectation_says() throws IOException, URISyntaxException {
        Path cases = Path.of(Objects.requireNonNull(getClass().getResource("/render/cases")).toURI());
        return Files.list(cases).sorted().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        JsonNode spec = ManifestFormat.YAML.readTree(Files.readString(dir.resolve("case.yaml")));
        var tree = new DirectorySourceTree(dir.resolve("source"));
        String path = spec.path("path").asString(".");
        JsonNode options = spec.path("options");
        var directory = new DirectoryOptions(options.path("recurse").asBoolean(false),
                options.path("include").asString(""), options.path("exclude").asString(""));
        var renderer = new DirectoryRenderer();

        if (spec.has("error")) {
            assertThatThrownBy(() -> renderer.render(tree, path, directory))
                    .isInstanceOfSatisfying(RenderException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.valueOf(spec.path("reason").asString())))
                    .hasMessage(spec.path("error").asString());
            return;
        }
        RenderResult result = renderer.render(tree, path, directory);
        assertThat(result.manifests()).map(m -> m.key() + " @ " + m.origin())
                .containsExactlyElementsOf(strings(spec.path("expect")));
        assertThat(result.warnings()).map(RenderResult.Warning::toString)
                .containsExactlyElementsOf(strings(spec.path("warnings")));
        if (spec.has("objects")) {
            assertThat(result.manifests()).map(Manifest::copyObject).map(JsonNode.class::cast)
                    .containsExactlyElementsOf(spec.path("objects").valueStream().toList());
        }
    }

    private static List<String> strings(JsonNode list) {
        return list.valueStream().map(JsonNode::asString).toList();
    }
}
