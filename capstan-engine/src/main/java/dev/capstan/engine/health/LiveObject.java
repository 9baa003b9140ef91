package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.capstan.engine.Manifest;
import tools.jackson.databind.JsonNode;

/**
 * A live object as the health checks read it: absent numbers are zero and absent flags false,
 * as the API server's zero values are, and nothing that is malformed throws. Checks written
 * against it can therefore be read as plain comparisons of status fields.
 */
final class LiveObject {

    private final Manifest manifest;

    private LiveObject(Manifest manifest) {
        this.manifest = manifest;
    }

    static LiveObject of(Manifest manifest) {
        return new LiveObject(manifest);
    }

    Manifest manifest() {
        return manifest;
    }

    /** The integer at a JSON pointer; zero when it is absent or not a number. */
    long number(String pointer) {
        return optionalNumber(pointer).orElse(0);
    }

    OptionalLong optionalNumber(String pointer) {
        JsonNode node = manifest.at(pointer);
        return node.isNumber() ? OptionalLong.of(node.longValue()) : OptionalLong.empty();
    }

    /** The text at a JSON pointer; the empty string when it is absent. */
    String text(String pointer) {
        return manifest.string(pointer);
    }

    /** True only for a boolean {@code true} at the pointer. */
    boolean flag(String pointer) {
        JsonNode node = manifest.at(pointer);
        return node.isBoolean() && node.booleanValue();
    }

    /** Whether the pointer leads to a value other than {@code null}. */
    boolean has(String pointer) {
        JsonNode node = manifest.at(pointer);
        return !node.isMissingNode() && !node.isNull();
    }

    /** The elements of the array at a JSON pointer; empty when it is absent or not an array. */
    List<JsonNode> list(String pointer) {
        JsonNode node = manifest.at(pointer);
        var elements = new ArrayList<JsonNode>();
        if (node.isArray()) {
            node.forEach(elements::add);
        }
        return elements;
    }

    long generation() {
        return number("/metadata/generation");
    }

    long observedGeneration() {
        return number("/status/observedGeneration");
    }

    List<Condition> conditions() {
        return Condition.listAt(manifest.at("/status/conditions"));
    }

    Optional<Condition> condition(String type) {
        return conditions().stream().filter(condition -> condition.type().equals(type)).findFirst();
    }
}
