package dev.capstan.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
        return ResourceKey.of(groupKind(), namespace(), name());
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
        return Optional.ofNullable(annotations().get(name));
    }

    public Optional<String> label(String name) {
        return Optional.ofNullable(labels().get(name));
    }

    public Map<String, String> annotations() {
        return stringMap("/metadata/annotations");
    }

    public Map<String, String> labels() {
        return stringMap("/metadata/labels");
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
