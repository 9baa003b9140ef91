package dev.capstan.controller.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object in a webhook payload, read field by field. Every accessor knows where it is
 * ({@code push.changes[0].new}), so a missing or mistyped field is reported by its full path.
 */
final class JsonPayload {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_DETAIL = 160;
    /** Jackson's pointer into the source, which says no more than the line and column do. */
    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source:.*$");

    private final JsonNode node;
    private final String path;

    private JsonPayload(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** @throws MalformedPayloadException when {@code body} is not one JSON object */
    static JsonPayload parse(byte[] body) {
        if (body.length == 0) {
            throw new MalformedPayloadException("the body is empty; a JSON object was expected");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedPayloadException("the body is not valid JSON" + where(e.getLocation()) + ": " + detail(e));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("the body is JSON but not an object");
        }
        return new JsonPayload(root, "");
    }

    JsonPayload object(String field) {
        return optionalObject(field).orElseThrow(() -> missing(field));
    }

    Optional<JsonPayload> optionalObject(String field) {
        return present(field).map(value -> {
            expect(value, value.isObject(), field, "an object");
            return new JsonPayload(value, pathOf(field));
        });
    }

    /** A string that must be there and not be empty. */
    String text(String field) {
        return optionalText(field).orElseThrow(() -> missing(field));
    }

    /** A string, or empty when absent, null or empty. */
    Optional<String> optionalText(String field) {
        return present(field).map(value -> {
            expect(value, value.isString(), field, "a string");
            return value.asString();
        }).filter(text -> !text.isEmpty());
    }

    Optional<Boolean> optionalBoolean(String field) {
        return present(field).map(value -> {
            expect(value, value.isBoolean(), field, "true or false");
            return value.booleanValue();
        });
    }

    OptionalLong optionalCount(String field) {
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        expect(value.get(), value.get().isIntegralNumber() && value.get().asLong() >= 0, field, "a count");
        return OptionalLong.of(value.get().asLong());
    }

    /** An array of objects that must be there (it may be empty). */
    List<JsonPayload> objects(String field) {
        return optionalObjects(field).orElseThrow(() -> missing(field));
    }

    Optional<List<JsonPayload>> optionalObjects(String field) {
        return present(field).map(value -> {
            expect(value, value.isArray(), field, "an array");
            var items = new ArrayList<JsonPayload>();
            for (int i = 0; i < value.size(); i++) {
                String itemPath = pathOf(field) + "[" + i + "]";
                JsonNode item = value.get(i);
                if (!item.isObject()) {
                    throw new MalformedPayloadException("field '" + itemPath + "' must be an object, not " + typeOf(item));
                }
                items.add(new JsonPayload(item, itemPath));
            }
            return items;
        });
    }

    /** An array of strings; empty when absent. */
    List<String> texts(String field) {
        return present(field).map(value -> {
            expect(value, value.isArray(), field, "an array");
            var items = new ArrayList<String>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isString()) {
                    throw new MalformedPayloadException("field '" + pathOf(field) + "[" + i + "]' must be a string, not " + typeOf(item));
                }
                items.add(item.asString());
            }
            return List.copyOf(items);
        }).orElse(List.of());
    }

    /** The full path of a field of this object, for messages. */
    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    MalformedPayloadException missing(String field) {
        return new MalformedPayloadException("field '" + pathOf(field) + "' is missing");
    }

    MalformedPayloadException invalid(String field, String why) {
        return new MalformedPayloadException("field '" + pathOf(field) + "' " + why);
    }

    private Optional<JsonNode> present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private void expect(JsonNode value, boolean ok, String field, String what) {
        if (!ok) {
            throw new MalformedPayloadException("field '" + pathOf(field) + "' must be " + what + ", not " + typeOf(value));
        }
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String where(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String detail(JacksonException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        message = SOURCE_REFERENCE.matcher(message.lines().findFirst().orElse("")).replaceFirst("");
        return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message;
    }
}
