package dev.capstan.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One Kubernetes object as a JSON tree, desired (rendered from a source, with its
 * {@link Origin}) or live (read from a cluster). Immutable: the tree is copied in, and a change
 * gives a new manifest through {@link #with(Consumer)}. Nodes returned by {@link #at(String)}
 * are views and must not be modified.
 */
public final class Manifest {

    private final ObjectNode object;
    private final Origin origin;
    /** {@link #contentHash()}, worked out once: a manifest never changes. */
    private volatile String contentHash;
    /** {@link #key()}, worked out once. */
    private volatile ResourceKey key;

    private Manifest(ObjectNode object, Origin origin) {
        this.object = object;
        this.origin = origin;
    }

    /** A manifest of a copy of {@code object}. */
    public static Manifest of(ObjectNode object, Origin origin) {
        return new Manifest(object.deepCopy(), origin);
    }

    public static Manifest of(ObjectNode object) {
        return of(object, Origin.NONE);
    }

    /** Parses one object from JSON or YAML text. */
    public static Manifest parse(String text) {
        JsonNode node = ManifestFormat.YAML.readTree(text);
        if (!(node instanceof ObjectNode objectNode)) {
            throw new IllegalArgumentException("not an object: " + text.strip());
        }
        return new Manifest(objectNode, Origin.NONE);
    }

    public String apiVersion() {
        return string("/apiVersion");
    }

    public String kind() {
        return string("/kind");
    }

    public String name() {
        return string("/metadata/name");
    }

    /** The namespace, or the empty string (cluster-scoped, or not set yet). */
    public String namespace() {
        return string("/metadata/namespace");
    }

    public GroupKind groupKind() {
        return GroupKind.of(apiVersion(), kind());
    }

    public ResourceKey key() {
        ResourceKey known = key;
        if (known == null) {
            known = ResourceKey.of(groupKind(), namespace(), name());
            key = known;
        }
        return known;
    }

    public Origin origin() {
        return origin;
    }

    /** The node at a JSON pointer such as {@code /status/readyReplicas}; a missing node if absent. */
    public JsonNode at(String jsonPointer) {
        return object.at(jsonPointer);
    }

    /** The text at a JSON pointer, or the empty string when it is absent or not a scalar. */
    public String string(String jsonPointer) {
        JsonNode node = object.at(jsonPointer);
        return node.isValueNode() && !node.isNull() ? node.asString() : "";
    }

    public Optional<String> annotation(String name) {
        return metadataEntry("annotations", name);
    }

    public Optional<String> label(String name) {
        return metadataEntry("labels", name);
    }

    private Optional<String> metadataEntry(String map, String name) {
        JsonNode value = object.path("metadata").path(map).get(name);
        return value == null ? Optional.empty() : Optional.of(value.isNull() ? "" : value.asString());
    }

    public Map<String, String> annotations() {
        return stringMap("/metadata/annotations");
    }

    public Map<String, String> labels() {
        return stringMap("/metadata/labels");
    }

    /**
     * This manifest in the least memory, for one kept a long time (a live object in a cache): the
     * same content, each object's properties in two arrays rather than a hash map, and short text
     * values shared with equal ones elsewhere in the process ({@link String#intern()}: names,
     * namespaces, kinds, labels repeat across copies and caches). The tree can no longer be
     * changed in place, which no user of a manifest does; {@link #copyObject()} and
     * {@link #with} still give changeable copies.
     */
    public Manifest compacted() {
        Manifest compact = new Manifest((ObjectNode) compact(object), origin);
        compact.contentHash = contentHash;
        compact.key = key;
        return compact;
    }

    private static final int SHARED_TEXT_LENGTH = 64;

    private static JsonNode compact(JsonNode node) {
        if (node instanceof ObjectNode objectNode) {
            String[] names = new String[objectNode.size()];
            JsonNode[] values = new JsonNode[names.length];
            int i = 0;
            for (var property : objectNode.properties()) {
                names[i] = property.getKey().intern();
                values[i] = compact(property.getValue());
                i++;
            }
            return new ObjectNode(JsonNodeFactory.instance, new CompactObjectMap(sharedNames(names), values));
        }
        if (node instanceof ArrayNode arrayNode) {
            var items = new ArrayList<JsonNode>(arrayNode.size());
            arrayNode.forEach(item -> items.add(compact(item)));
            return new ArrayNode(JsonNodeFactory.instance, items);
        }
        if (node.isString() && node.asString().length() <= SHARED_TEXT_LENGTH) {
            return sharedNode(node.asString());
        }
        return node;
    }

    /**
     * The property names of objects of one shape (every ConfigMap's metadata has the same ones, in
     * the same order), kept once while there are not too many shapes; emptied when full.
     */
    private static final Map<List<String>, String[]> SHARED_NAMES = new ConcurrentHashMap<>();
    private static final int SHARED_NAMES_MAX = 4_096;

    private static String[] sharedNames(String[] names) {
        List<String> shape = Arrays.asList(names);
        String[] known = SHARED_NAMES.get(shape);
        if (known != null) {
            return known;
        }
        if (SHARED_NAMES.size() >= SHARED_NAMES_MAX) {
            SHARED_NAMES.clear();
        }
        String[] raced = SHARED_NAMES.putIfAbsent(shape, names);
        return raced != null ? raced : names;
    }

    /**
     * Text nodes of short values, kept once while there are not too many: kinds, API versions,
     * namespaces, label values, field managers and condition types repeat in every object, and a
     * node of its own for each would cost as much as the text. Emptied when full, so values that
     * never repeat (uids, resource versions) cannot make it grow.
     */
    private static final Map<String, StringNode> SHARED_NODES = new ConcurrentHashMap<>();
    private static final int SHARED_NODES_MAX = 16_384;

    private static StringNode sharedNode(String text) {
        StringNode known = SHARED_NODES.get(text);
        if (known != null) {
            return known;
        }
        if (SHARED_NODES.size() >= SHARED_NODES_MAX) {
            SHARED_NODES.clear();
        }
        StringNode node = StringNode.valueOf(text.intern());
        StringNode raced = SHARED_NODES.putIfAbsent(node.asString(), node);
        return raced != null ? raced : node;
    }

    /** A deep copy of the whole tree, for a caller that needs to change or serialise it. */
    public ObjectNode copyObject() {
        return object.deepCopy();
    }

    /** A new manifest with {@code change} applied to a copy of this tree; same origin. */
    public Manifest with(Consumer<ObjectNode> change) {
        ObjectNode copy = object.deepCopy();
        change.accept(copy);
        return new Manifest(copy, origin);
    }

    public String toJson() {
        return ManifestFormat.JSON.writeValueAsString(object);
    }

    public String toYaml() {
        return ManifestFormat.YAML.writeValueAsString(object);
    }

    private Map<String, String> stringMap(String jsonPointer) {
        JsonNode node = object.at(jsonPointer);
        if (!node.isObject()) {
            return Map.of();
        }
        var map = new LinkedHashMap<String, String>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asString()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * A hash of the content (properties in sorted order, so equal content hashes equally,
     * whatever order the fields came in): 32 hex digits of SHA-256. Worked out once per manifest.
     */
    public String contentHash() {
        String hash = contentHash;
        if (hash == null) {
            hash = CanonicalHash.of(object);
            contentHash = hash;
        }
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && object.equals(that.object);
    }

    @Override
    public int hashCode() {
        return object.hashCode();
    }

    @Override
    public String toString() {
        return key() + (origin.isKnown() ? " (" + origin + ")" : "");
    }
}
