package dev.capstan.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One test per line of {@code render/yaml11-scalars.psv}: a plain scalar, the JSON value kubectl
 * makes of it, and the JSON key it makes of it ({@code null} where kubectl refuses the key).
 */
class Yaml11ScalarsTest {

    /** Reads the expectations, where NaN and Infinity stand for the floats kubectl cannot write as JSON. */
    private static final ObjectMapper EXPECTED = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TestFactory
    Stream<DynamicTest> types_plain_scalars_as_kubectl_does() throws IOException, URISyntaxException {
        Path table = Path.of(Objects.requireNonNull(getClass().getResource("/render/yaml11-scalars.psv")).toURI());
        return Files.readAllLines(table).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\\|", -1))
                .map(columns -> DynamicTest.dynamicTest("'" + columns[0].strip() + "'", () -> check(columns)));
    }

    private static void check(String[] columns) {
        String plain = columns[0].strip();
        JsonNode value = EXPECTED.readTree(columns[1].strip());
        JsonNode key = EXPECTED.readTree(columns[2].strip());

        assertThat(Yaml11Scalars.resolve(plain)).as("value").isEqualTo(value);
        assertThat(Yaml11Scalars.key(plain)).as("key").isEqualTo(key.isNull() ? Optional.empty() : Optional.of(key.asString()));
    }
}
