package dev.capstan.engine.render;

import dev.capstan.engine.ManifestFormat;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The kinds of manifest file, told apart by name: YAML ({@code *.yaml}, {@code *.yml}) and JSON ({@code *.json}). */
enum DocumentFormat {
    YAML,
    JSON;

    /**
     * The engine's YAML format without SnakeYAML's own cap of 3 MiB of characters per document:
     * renderers cap file sizes themselves ({@link RenderLimits}), and a larger cap must work.
     * Its parser leaves plain scalars as written for {@link DocumentReader} to type as kubectl
     * does, and duplicate keys to {@link DocumentReader}, which says where the key starts.
     */
    private static final ObjectMapper YAML_MAPPER = YAMLMapper.builder(new PlainScalarYamlFactory(
                    ((YAMLFactory) ManifestFormat.YAML.tokenStreamFactory()).rebuild()
                            .loadSettings(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build())))
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper JSON_MAPPER = ManifestFormat.JSON.rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static Optional<DocumentFormat> ofFileName(String name) {
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.of(YAML);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }

    JsonParser parser(byte[] bytes) {
        return (this == YAML ? YAML_MAPPER : JSON_MAPPER).createParser(bytes);
    }
}
