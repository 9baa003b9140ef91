package dev.capstan.render.kustomize;

import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.KustomizeOptions.Patch;
import dev.capstan.engine.render.KustomizeOptions.Replica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Writes an application's {@link KustomizeOptions} into its kustomization, as {@code kustomize edit}
 * would: a prefix, suffix or namespace replaces the one written; an image or replica count
 * replaces the entry of the same name; labels and annotations win over the same keys; components
 * and patches are added after those written.
 */
final class KustomizationEdit implements Consumer<Kustomization> {

    static final String ORIGIN_ANNOTATIONS = "originAnnotations";

    private final KustomizeOptions options;
    private boolean ownOrigins;

    KustomizationEdit(KustomizeOptions options) {
        this.options = options;
    }

    /** Writes the options into the application's kustomization and asks kustomize for origin annotations. */
    @Override
    public void accept(Kustomization kustomization) {
        apply(kustomization, options);
        ownOrigins = requestOrigins(kustomization);
    }

    /** Whether the kustomization asked for origin annotations itself, so they are the user's to keep. */
    boolean ownOrigins() {
        return ownOrigins;
    }

    static void apply(Kustomization kustomization, KustomizeOptions options) {
        if (!options.namePrefix().isEmpty()) {
            kustomization.set("namePrefix", Kustomization.string(options.namePrefix()));
        }
        if (!options.nameSuffix().isEmpty()) {
            kustomization.set("nameSuffix", Kustomization.string(options.nameSuffix()));
        }
        if (!options.namespace().isEmpty()) {
            kustomization.set("namespace", Kustomization.string(options.namespace()));
        }
        for (String image : options.images()) {
            ImageOverride override = ImageOverride.parse(image);
            replaceByName(kustomization.list("images"), override.name(), image(override));
        }
        for (Replica replica : options.replicas()) {
            replaceByName(kustomization.list("replicas"), replica.name(),
                    mapping(Map.of("name", Kustomization.string(replica.name()), "count", Kustomization.integer(replica.count())),
                            List.of("name", "count")));
        }
        putAll(kustomization, "commonLabels", options.commonLabels());
        putAll(kustomization, "commonAnnotations", options.commonAnnotations());
        for (String component : options.components()) {
            SequenceNode components = kustomization.list("components");
            boolean present = components.getValue().stream()
                    .anyMatch(node -> node instanceof ScalarNode scalar && scalar.getValue().equals(component));
            if (!present) {
                components.getValue().add(Kustomization.string(component));
            }
        }
        for (Patch patch : options.patches()) {
            kustomization.list("patches").getValue().add(patch(patch));
        }
    }

    /**
     * Asks kustomize to annotate each object with the file it came from, so that each rendered
     * object can name its origin.
     *
     * @return whether the kustomization asked for that itself, so the annotations are the user's to keep
     */
    static boolean requestOrigins(Kustomization kustomization) {
        SequenceNode metadata = kustomization.list("buildMetadata");
        boolean asked = metadata.getValue().stream()
                .anyMatch(node -> node instanceof ScalarNode scalar && scalar.getValue().equals(ORIGIN_ANNOTATIONS));
        if (!asked) {
            metadata.getValue().add(Kustomization.string(ORIGIN_ANNOTATIONS));
        }
        return asked;
    }

    private static MappingNode image(ImageOverride override) {
        var fields = new LinkedHashMap<String, Node>();
        fields.put("name", Kustomization.string(override.name()));
        if (!override.newName().isEmpty()) {
            fields.put("newName", Kustomization.string(override.newName()));
        }
        if (!override.newTag().isEmpty()) {
            fields.put("newTag", Kustomization.string(override.newTag()));
        }
        if (!override.digest().isEmpty()) {
            fields.put("digest", Kustomization.string(override.digest()));
        }
        return mapping(fields, List.copyOf(fields.keySet()));
    }

    private static MappingNode patch(Patch patch) {
        var fields = new LinkedHashMap<String, Node>();
        if (!patch.patch().isEmpty()) {
            fields.put("patch", Kustomization.string(patch.patch()));
        }
        if (!patch.path().isEmpty()) {
            fields.put("path", Kustomization.string(patch.path()));
        }
        Map<String, String> target = patch.target().fields();
        if (!target.isEmpty()) {
            var targetFields = new LinkedHashMap<String, Node>();
            target.forEach((name, value) -> targetFields.put(name, Kustomization.string(value)));
            fields.put("target", mapping(targetFields, List.copyOf(targetFields.keySet())));
        }
        if (!patch.options().isEmpty()) {
            var optionFields = new LinkedHashMap<String, Node>();
            patch.options().forEach((name, value) -> optionFields.put(name, new ScalarNode(Tag.BOOL, value.toString(),
                    ScalarStyle.PLAIN)));
            fields.put("options", mapping(optionFields, List.copyOf(optionFields.keySet())));
        }
        return mapping(fields, List.copyOf(fields.keySet()));
    }

    /** Replaces the entry of {@code list} whose {@code name} is {@code name}, or adds {@code entry} at the end. */
    private static void replaceByName(SequenceNode list, String name, MappingNode entry) {
        List<Node> entries = list.getValue();
        for (int i = 0; i < entries.size(); i++) {
            if (name.equals(Kustomization.stringField(entries.get(i), "name"))) {
                entries.set(i, entry);
                return;
            }
        }
        entries.add(entry);
    }

    private static void putAll(Kustomization kustomization, String field, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        MappingNode mapping = kustomization.mapping(field);
        values.forEach((key, value) -> Kustomization.put(mapping, key, Kustomization.string(value)));
    }

    private static MappingNode mapping(Map<String, Node> fields, List<String> order) {
        var tuples = new ArrayList<NodeTuple>();
        for (String field : order) {
            tuples.add(new NodeTuple(Kustomization.key(field), fields.get(field)));
        }
        return new MappingNode(Tag.MAP, tuples, FlowStyle.BLOCK);
    }
}
