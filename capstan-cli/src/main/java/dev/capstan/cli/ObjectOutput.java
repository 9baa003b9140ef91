package dev.capstan.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.engine.ManifestFormat;

/**
 * Kubernetes objects as YAML or JSON, as {@code kubectl get -o yaml} prints them: without
 * {@code metadata.managedFields}, several objects as a {@code List}.
 */
final class ObjectOutput {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ObjectOutput() {
    }

    /** Prints one object as {@code -o} asks: YAML, JSON, or the command's own {@code text} for the other formats. */
    static void print(PrintWriter out, OutputFormat format, HasMetadata object, Supplier<String> text) {
        out.print(switch (format) {
            case YAML -> yaml(object);
            case JSON -> json(object);
            default -> text.get();
        });
        out.flush();
    }

    /** Prints objects as {@code -o} asks: names, a YAML or JSON List, or the command's own {@code text} (a table). */
    static void print(PrintWriter out, OutputFormat format, List<? extends HasMetadata> objects, Supplier<String> text) {
        out.print(switch (format) {
            case NAME -> objects.stream().map(object -> object.getMetadata().getName() + "\n").collect(Collectors.joining());
            case YAML -> yaml(objects);
            case JSON -> json(objects);
            default -> text.get();
        });
        out.flush();
    }

    static String yaml(HasMetadata object) {
        return ManifestFormat.YAML.writeValueAsString(tree(object));
    }

    static String json(HasMetadata object) {
        return ManifestFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(object)) + "\n";
    }

    static String yaml(List<? extends HasMetadata> objects) {
        return ManifestFormat.YAML.writeValueAsString(list(objects));
    }

    static String json(List<? extends HasMetadata> objects) {
        return ManifestFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list(objects)) + "\n";
    }

    /** Objects as one YAML stream, a document each: what {@code kubectl apply -f} reads. */
    static String yamlDocuments(List<? extends HasMetadata> objects) {
        var text = new StringBuilder();
        for (HasMetadata object : objects) {
            text.append("---\n").append(yaml(object));
        }
        return text.toString();
    }

    private static Map<String, Object> list(List<? extends HasMetadata> objects) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", objects.stream().map(ObjectOutput::tree).toList());
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(HasMetadata object) {
        Map<String, Object> tree = SERIALIZATION.convertValue(object, Map.class);
        if (tree.get("metadata") instanceof Map<?, ?> metadata) {
            ((Map<String, Object>) metadata).remove("managedFields");
        }
        return tree;
    }
}
