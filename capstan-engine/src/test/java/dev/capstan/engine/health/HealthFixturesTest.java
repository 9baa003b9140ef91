package dev.capstan.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every YAML file under {@code src/test/resources/health} is one case:
 *
 * <pre>{@code
 * expected:
 *   status: Progressing            # a HealthStatus display name
 *   message: "..."                 # the exact message, or messageContains: "..."
 *   decidedBy: builtin:Deployment.apps
 * rules: |                         # optional: user health rules, loaded as "rules.yaml"
 *   - kind: ...
 * lua:                             # optional: argocd-cm data with Lua health checks, loaded as "argocd-cm"
 *   resource.customizations.health.example.com_Widget: |
 *     ...
 * object:                          # the live object, as the API server returns it
 *   apiVersion: apps/v1
 *   ...
 * }</pre>
 *
 * A case lives in {@code <group or core>/<Kind>/}, optionally under a topic directory
 * ({@code generic/}, {@code cel/}, {@code lua/}); the object must be of that kind. Adding a case is adding a file.
 */
class HealthFixturesTest {

    private static final Set<String> FIXTURE_FIELDS = Set.of("expected", "rules", "lua", "object");
    private static final Set<String> EXPECTED_FIELDS = Set.of("status", "message", "messageContains", "decidedBy");

    @TestFactory
    Stream<DynamicNode> every_fixture_gets_the_expected_health() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/health").toURI());
        Map<Path, List<Path>> byDirectory = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .forEach(file -> byDirectory.computeIfAbsent(root.relativize(file.getParent()), directory -> new ArrayList<>()).add(file));
        }
        assertThat(byDirectory).as("fixture directories").isNotEmpty();
        return byDirectory.entrySet().stream().map(entry -> DynamicContainer.dynamicContainer(entry.getKey().toString(),
                entry.getValue().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                        () -> check(entry.getKey(), file)))));
    }

    private static void check(Path directory, Path file) throws IOException {
        JsonNode fixture = ManifestFormat.YAML.readTree(Files.readString(file));
        assertThat(fixture.propertyNames()).as("fields of the fixture").isSubsetOf(FIXTURE_FIELDS).contains("expected", "object");
        JsonNode expected = fixture.get("expected");
        assertThat(expected.propertyNames()).as("fields of expected").isSubsetOf(EXPECTED_FIELDS).contains("status", "decidedBy");
        Manifest object = Manifest.of((ObjectNode) fixture.get("object"));
        assertThat(object.groupKind()).as("the kind of the object, from the directory").isEqualTo(kindOf(directory));

        HealthAssessor assessor = HealthAssessor.builtIn();
        if (fixture.has("rules")) {
            assessor = assessor.withRules(HealthRules.parse(fixture.get("rules").asString(), "rules.yaml"));
        }
        if (fixture.has("lua")) {
            var data = new TreeMap<String, String>();
            fixture.get("lua").properties().forEach(entry -> data.put(entry.getKey(), entry.getValue().asString()));
            assessor = assessor.withLua(LuaHealthScripts.fromConfigMapData(data, "argocd-cm"));
        }
        HealthAssessment assessment = assessor.assess(object);

        assertThat(assessment.status().display()).as("status of %s", assessment).isEqualTo(expected.get("status").asString());
        if (expected.has("message")) {
            assertThat(assessment.message()).as("message").isEqualTo(expected.get("message").asString());
        } else {
            assertThat(expected.has("messageContains")).as("expected.message or expected.messageContains").isTrue();
            assertThat(assessment.message()).as("message").contains(expected.get("messageContains").asString());
        }
        assertThat(assessment.decidedBy()).as("decidedBy").isEqualTo(expected.get("decidedBy").asString());
    }

    private static GroupKind kindOf(Path directory) {
        int segments = directory.getNameCount();
        assertThat(segments).as("a fixture sits in <group>/<Kind>/: %s", directory).isGreaterThanOrEqualTo(2);
        String group = directory.getName(segments - 2).toString();
        return new GroupKind(group.equals("core") ? "" : group, directory.getName(segments - 1).toString());
    }
}
