package dev.capstan.engine.diff;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import dev.capstan.engine.ManifestFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields that given managers own in a live object, read from its {@code managedFields}
 * ({@code fieldsV1}: {@code f:name} for a field, {@code k:{...}} for a list element by its key
 * fields, {@code v:value} for a set member, {@code i:n} for a list index), and their removal
 * from an object tree.
 */
final class ManagedFields {

    private ManagedFields() {
    }

    /** Removes from {@code target} every field that one of {@code managers} owns in {@code live}. */
    static void removeOwnedFields(JsonNode live, Set<String> managers, ObjectNode target) {
        for (JsonNode entry : live.at("/metadata/managedFields")) {
            if (managers.contains(entry.path("manager").asString()) && entry.get("fieldsV1") instanceof ObjectNode fields) {
                removeFields(fields, target);
            }
        }
    }

    private static void removeFields(ObjectNode fields, JsonNode target) {
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            String path = field.getKey();
            if (path.equals(".") || !(field.getValue() instanceof ObjectNode children)) {
                continue;
            }
            boolean leaf = children.isEmpty() || (children.size() == 1 && children.has("."));
            if (path.startsWith("f:") && target instanceof ObjectNode object) {
                String name = path.substring(2);
                if (leaf) {
                    object.remove(name);
                } else if (object.get(name) != null) {
                    removeFields(children, object.get(name));
                }
            } else if (target instanceof ArrayNode array) {
                removeFromArray(path, children, leaf, array);
            }
        }
    }

    private static void removeFromArray(String path, ObjectNode children, boolean leaf, ArrayNode array) {
        Iterator<JsonNode> elements = array.iterator();
        int index = 0;
        while (elements.hasNext()) {
            JsonNode element = elements.next();
            if (matches(path, element, index++)) {
                if (leaf) {
                    elements.remove();
                } else {
                    removeFields(children, element);
                }
            }
        }
    }

    private static boolean matches(String path, JsonNode element, int index) {
        if (path.startsWith("k:")) {
            JsonNode key = ManifestFormat.JSON.readTree(path.substring(2));
            for (Map.Entry<String, JsonNode> keyField : key.properties()) {
                if (!keyField.getValue().equals(element.get(keyField.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (path.startsWith("v:")) {
            return ManifestFormat.JSON.readTree(path.substring(2)).equals(element);
        }
        if (path.startsWith("i:")) {
            return Integer.parseInt(path.substring(2)) == index;
        }
        return false;
    }
}
