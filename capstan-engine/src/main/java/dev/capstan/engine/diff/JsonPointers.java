package dev.capstan.engine.diff;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Removal of the node at a JSON pointer from a tree, if it is there. */
final class JsonPointers {

    private JsonPointers() {
    }

    static void remove(ObjectNode root, String pointer) {
        if (root == null || pointer.isEmpty() || pointer.equals("/")) {
            return;
        }
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array && path.last().mayMatchElement()) {
            int index = path.last().getMatchingIndex();
            if (index >= 0 && index < array.size()) {
                array.remove(index);
            }
        }
    }
}
