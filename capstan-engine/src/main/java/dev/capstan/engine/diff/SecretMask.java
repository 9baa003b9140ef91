package dev.capstan.engine.diff;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces the values of a Secret's {@code data} and {@code stringData} with masks, in the
 * copies that a diff shows, so that no secret value reaches a diff, log or status. Two sides are
 * masked together: a value that is the same on both gets the same mask, a value that differs gets
 * different ones, so the diff still says which keys changed and nothing of what they hold.
 */
final class SecretMask {

    static final String SAME = "********";
    static final String BEFORE = "******** (before)";
    static final String AFTER = "******** (after)";

    private static final List<String> FIELDS = List.of("data", "stringData");

    private SecretMask() {
    }

    static boolean appliesTo(String group, String kind) {
        return group.isEmpty() && kind.equals("Secret");
    }

    /** Masks {@code before} and {@code after} in place; either may be null (the object is absent on that side). */
    static void mask(ObjectNode before, ObjectNode after) {
        for (String field : FIELDS) {
            ObjectNode beforeValues = before == null ? null : (before.get(field) instanceof ObjectNode o ? o : null);
            ObjectNode afterValues = after == null ? null : (after.get(field) instanceof ObjectNode o ? o : null);
            Set<String> keys = new LinkedHashSet<>();
            if (beforeValues != null) {
                keys.addAll(beforeValues.propertyNames());
            }
            if (afterValues != null) {
                keys.addAll(afterValues.propertyNames());
            }
            for (String key : keys) {
                JsonNode was = beforeValues == null ? null : beforeValues.get(key);
                JsonNode is = afterValues == null ? null : afterValues.get(key);
                boolean same = was != null && was.equals(is);
                if (was != null) {
                    beforeValues.put(key, same ? SAME : BEFORE);
                }
                if (is != null) {
                    afterValues.put(key, same ? SAME : AFTER);
                }
            }
        }
    }
}
