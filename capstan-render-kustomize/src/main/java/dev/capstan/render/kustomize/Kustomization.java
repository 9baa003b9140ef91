package dev.capstan.render.kustomize;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A kustomization file as YAML nodes rather than values, so that it can be read for the
 * directories it loads and changed by the application's options, then written back with every
 * scalar as it was written: {@code newTag: 1.10} stays the text {@code 1.10}, which kustomize
 * reads as a string, instead of becoming the number 1.1.
 */
final class Kustomization {

    /** The names kustomize looks for in a directory, in its order. */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** The fields whose entries kustomize may load as directories (kustomizations of their own). */
    static final List<String> DIRECTORY_FIELDS = List.of("resources", "bases", "components", "generators", "transformers", "validators");

    private final MappingNode root;

    private Kustomization(MappingNode root) {
        this.root = root;
    }

    /** The kustomization in {@code bytes}; empty when it is not one YAML mapping, which kustomize will say in its own words. */
    static Optional<Kustomization> parse(byte[] bytes) {
        try {
            LoadSettings settings = LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build();
            return new Compose(settings).composeString(new String(bytes, StandardCharsets.UTF_8))
                    .filter(MappingNode.class::isInstance)
                    .map(node -> new Kustomization((MappingNode) node));
        } catch (YamlEngineException e) {
            return Optional.empty();
        }
    }

    /**
     * The entries of {@link #DIRECTORY_FIELDS} that name a path or URL, in order. Inline
     * generator and transformer configurations (text over several lines) are not paths.
     */
    List<String> loadedPaths() {
        var paths = new ArrayList<String>();
        for (String field : DIRECTORY_FIELDS) {
            if (get(field) instanceof SequenceNode list) {
                for (Node entry : list.getValue()) {
                    if (entry instanceof ScalarNode scalar && !scalar.getValue().contains("\n") && !scalar.getValue().isBlank()) {
                        paths.add(scalar.getValue().strip());
                    }
                }
            }
        }
        return paths;
    }

    /** The value of a top-level field, or null. */
    Node get(String field) {
        for (NodeTuple tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(field)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    /** Sets a top-level field, in its place when it is there, else at the end. */
    void set(String field, Node value) {
        var tuples = new ArrayList<>(root.getValue());
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode key && key.getValue().equals(field)) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
                root.setValue(tuples);
                return;
            }
        }
        tuples.add(new NodeTuple(key(field), value));
        root.setValue(tuples);
    }

    /** The top-level field as a list, made an empty list first when it is missing or not a list. */
    SequenceNode list(String field) {
        if (get(field) instanceof SequenceNode list) {
            return list;
        }
        SequenceNode list = new SequenceNode(Tag.SEQ, new ArrayList<>(), FlowStyle.BLOCK);
        set(field, list);
        return list;
    }

    /** The top-level field as a mapping, made an empty mapping first when it is missing or not a mapping. */
    MappingNode mapping(String field) {
        if (get(field) instanceof MappingNode mapping) {
            return mapping;
        }
        MappingNode mapping = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
        set(field, mapping);
        return mapping;
    }

    String write() {
        var out = new StringWriter();
        new Dump(DumpSettings.builder().setWidth(Integer.MAX_VALUE).build()).dumpNode(root, new StreamDataWriter() {
            @Override
            public void write(String text) {
                out.write(text);
            }

            @Override
            public void write(String text, int offset, int length) {
                out.write(text, offset, length);
            }
        });
        return out.toString();
    }

    static ScalarNode key(String name) {
        return new ScalarNode(Tag.STR, name, ScalarStyle.PLAIN);
    }

    /** A string kustomize reads as a string whatever it looks like: quoted, or literal when over several lines. */
    static ScalarNode string(String value) {
        return new ScalarNode(Tag.STR, value, value.contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.DOUBLE_QUOTED);
    }

    static ScalarNode integer(int value) {
        return new ScalarNode(Tag.INT, Integer.toString(value), ScalarStyle.PLAIN);
    }

    /** The string value of {@code field} in {@code mapping}, or null. */
    static String stringField(Node mapping, String field) {
        if (mapping instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(field)
                        && tuple.getValueNode() instanceof ScalarNode value) {
                    return value.getValue();
                }
            }
        }
        return null;
    }

    /** Puts {@code field: value} into {@code mapping}, replacing the field when it is there. */
    static void put(MappingNode mapping, String field, Node value) {
        var tuples = new ArrayList<>(mapping.getValue());
        tuples.removeIf(tuple -> tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(field));
        tuples.add(new NodeTuple(key(field), value));
        mapping.setValue(tuples);
    }
}
