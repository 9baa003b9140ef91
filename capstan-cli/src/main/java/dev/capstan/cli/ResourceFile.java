package dev.capstan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.engine.ManifestFormat;

import tools.jackson.core.JacksonException;

/**
 * Custom resources of one type read from a YAML or JSON file (or standard input), a document
 * each; anything else in the file is an error naming the file and the document.
 */
final class ResourceFile {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ResourceFile() {
    }

    /** Reads {@code file} ({@code -} for {@code stdin}) as objects of {@code type}. */
    static <T extends HasMetadata> List<T> read(String file, Class<T> type, InputStream stdin) {
        String text;
        try {
            text = file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        String apiVersion = HasMetadata.getApiVersion(type);
        String kind = HasMetadata.getKind(type);
        List<T> objects = new ArrayList<>();
        String[] documents = text.split("(?m)^---\\s*$");
        for (int i = 0; i < documents.length; i++) {
            if (documents[i].lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            String where = file + (documents.length > 1 ? " (document " + (i + 1) + ")" : "");
            Map<?, ?> tree;
            try {
                tree = ManifestFormat.YAML.readValue(documents[i], Map.class);
            } catch (JacksonException e) {
                throw new UserError(where + ": not valid YAML: " + e.getOriginalMessage());
            }
            if (!apiVersion.equals(tree.get("apiVersion")) || !kind.equals(tree.get("kind"))) {
                throw new UserError(where + ": expected apiVersion " + apiVersion + ", kind " + kind
                        + ", found " + tree.get("apiVersion") + ", " + tree.get("kind"));
            }
            T object;
            try {
                object = SERIALIZATION.convertValue(tree, type);
            } catch (IllegalArgumentException | JacksonException e) {
                throw new UserError(where + ": " + e.getMessage());
            }
            if (object.getMetadata() == null || object.getMetadata().getName() == null || object.getMetadata().getName().isBlank()) {
                throw new UserError(where + ": metadata.name is missing");
            }
            objects.add(object);
        }
        if (objects.isEmpty()) {
            throw new UserError(file + ": no " + kind + " in it");
        }
        return objects;
    }
}
