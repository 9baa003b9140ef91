package dev.capstan.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The JSON pointers at which two trees differ, as a short list for messages (not the diff itself). */
final class ChangedPaths {

    static final int LIMIT = 20;

    private ChangedPaths() {
    }

    static List<String> between(JsonNode before, JsonNode after) {
        var paths = new ArrayList<String>();
        collect("", before, after, paths);
        return List.copyOf(paths);
    }

    private static void collect(String pointer, JsonNode before, JsonNode after, List<String> paths) {
        if (paths.size() >= LIMIT || (before != null && before.equals(after))) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>(before.propertyNames());
            names.addAll(after.propertyNames());
            for (String name : names) {
                collect(pointer + "/" + escape(name), before.get(name), after.get(name), paths);
            }
        } else if (before != null && after != null && before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                collect(pointer + "/" + i, before.get(i), after.get(i), paths);
            }
        } else {
            paths.add(pointer.isEmpty() ? "/" : pointer);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
