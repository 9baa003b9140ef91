package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.values.NullValue;
import tools.jackson.databind.JsonNode;

/**
 * An object's JSON tree as the values CEL evaluates over: maps, lists, strings, {@code Long}
 * integers, {@code Double} floats, booleans and CEL's null.
 */
final class CelValues {

    private CelValues() {
    }

    static Object of(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            node.properties().forEach(entry -> map.put(entry.getKey(), of(entry.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(of(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Long.valueOf(node.longValue());
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        return node.asString();
    }

    /** The variables of one evaluation: {@code object} bound to the whole object. */
    static Map<String, Object> variables(JsonNode object) {
        return Map.of("object", of(object));
    }
}
