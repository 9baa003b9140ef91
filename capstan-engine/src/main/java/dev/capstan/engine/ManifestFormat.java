package dev.capstan.engine;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The JSON and YAML mappers every part of the engine reads and writes manifests with. */
public final class ManifestFormat {

    public static final ObjectMapper JSON = JsonMapper.builder().build();
    /** YAML as people write it: no document-start marker, quotes only where needed. */
    public static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private ManifestFormat() {
    }
}
