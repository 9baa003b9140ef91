package dev.capstan.engine;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The JSON and YAML mappers every part of the engine reads and writes manifests with. */
public final class ManifestFormat {

    public static final ObjectMapper JSON = JsonMapper.builder().build();
    public static final ObjectMapper YAML = YAMLMapper.builder().build();

    private ManifestFormat() {
    }
}
