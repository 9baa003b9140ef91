package dev.capstan.server;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the API: Kubernetes objects as the API server writes them (fabric8's
 * serialisation), everything else as plain Jackson trees. A body that is not JSON is an
 * {@link ApiError} naming what was wrong.
 */
final class Json {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static String write(Object value) {
        return SERIALIZATION.asJson(value);
    }

    static ObjectNode tree(Object value) {
        return SERIALIZATION.convertValue(value, ObjectNode.class);
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static ObjectNode body(String text) {
        if (text == null || text.isBlank()) {
            return object();
        }
        JsonNode node;
        try {
            node = dev.capstan.engine.ManifestFormat.JSON.readTree(text);
        } catch (JacksonException e) {
            throw ApiError.invalid("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.invalid("the body must be a JSON object");
        }
        return object;
    }

    /** The body (or a part of it) as {@code type}; a field of the wrong shape is an InvalidArgument naming it. */
    static <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return SERIALIZATION.convertValue(node, type);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof JacksonException)) {
                cause = cause.getCause();
            }
            String detail = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw ApiError.invalid(what + " is malformed: " + detail);
        }
    }

    /** A text field, or {@code fallback} when absent or null; a field of another type is an InvalidArgument. */
    static String text(ObjectNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isString()) {
            throw ApiError.invalid(field + " must be a string");
        }
        return value.asString();
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalid(field + " must be true or false");
        }
        return value.asBoolean();
    }
}
