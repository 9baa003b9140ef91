package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DocumentReader.Document;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes objects in one document: the document itself, the elements of a JSON array, or
 * the items of a list kind ({@code List}, {@code ConfigMapList}, ... with {@code items}). Each
 * must be a mapping with a string {@code apiVersion}, {@code kind} and {@code metadata.name};
 * anything else is an error naming the file and line.
 */
final class DocumentManifests {

    private DocumentManifests() {
    }

    static List<Manifest> of(String file, DocumentFormat format, Document document) {
        JsonNode value = document.value();
        if (value.isArray() && format == DocumentFormat.JSON) {
            var manifests = new ArrayList<Manifest>();
            int index = 0;
            for (JsonNode element : value) {
                index++;
                Origin origin = new Origin(file, document.lineOf(element));
                manifests.addAll(expanded(requireObject(element, origin, "element " + index + " of the array"), origin, document));
            }
            return manifests;
        }
        Origin origin = new Origin(file, document.line());
        String hint = value.isArray() ? " (a YAML document holds one object; separate objects with ---)" : "";
        return expanded(requireObject(value, origin, "document", hint), origin, document);
    }

    private static List<Manifest> expanded(ObjectNode object, Origin origin, Document document) {
        if (!isList(object)) {
            return List.of(checked(object, origin));
        }
        var manifests = new ArrayList<Manifest>();
        int index = 0;
        for (JsonNode item : object.path("items")) {
            index++;
            Origin itemOrigin = new Origin(origin.file(), document.lineOf(item));
            String what = "item " + index + " of " + object.get("kind").asString();
            manifests.add(checked(requireObject(item, itemOrigin, what), itemOrigin));
        }
        return manifests;
    }

    /** {@code List} and the typed lists such as {@code ConfigMapList}, as kubectl reads them. */
    private static boolean isList(ObjectNode object) {
        JsonNode kind = object.get("kind");
        JsonNode items = object.get("items");
        return kind != null && kind.isString() && kind.asString().endsWith("List")
                && items != null && (items.isArray() || items.isNull());
    }

    private static Manifest checked(ObjectNode object, Origin origin) {
        requireString(object, "apiVersion", "object has no apiVersion", origin);
        String kind = requireString(object, "kind", "object has no kind", origin);
        JsonNode metadata = object.get("metadata");
        if (metadata == null || metadata.isNull()) {
            throw invalid(origin, kind + " has no metadata");
        }
        if (!metadata.isObject()) {
            throw invalid(origin, kind + " metadata is " + describe(metadata) + ", not a mapping");
        }
        requireString(metadata, "name", kind + " has no metadata.name", origin);
        JsonNode namespace = metadata.get("namespace");
        if (namespace != null && !namespace.isNull() && !namespace.isString()) {
            throw invalid(origin, kind + " metadata.namespace is " + describe(namespace) + ", not a string");
        }
        return Manifest.of(object, origin);
    }

    private static String requireString(JsonNode parent, String field, String missing, Origin origin) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isEmpty())) {
            throw invalid(origin, missing);
        }
        if (!node.isString()) {
            throw invalid(origin, field + " is " + describe(node) + ", not a string");
        }
        return node.asString();
    }

    private static ObjectNode requireObject(JsonNode node, Origin origin, String what) {
        return requireObject(node, origin, what, "");
    }

    private static ObjectNode requireObject(JsonNode node, Origin origin, String what, String hint) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw invalid(origin, what + " is " + describe(node) + ", not an object" + hint);
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "empty";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static RenderException invalid(Origin origin, String message) {
        return new RenderException(Reason.INVALID_OBJECT, origin, message);
    }
}
