package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.HelmOptions.Parameter;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Helm parameters ({@code --set name=value}) as one tree of values, so that they can be handed to
 * Helm as the last and strongest values file. Names are dotted paths with list indexes
 * ({@code ingress.hosts[0].name}, {@code \.} for a dot inside a key); a value is typed as Helm
 * types it ({@code true} and {@code false}, {@code null}, integers without a leading zero) unless
 * the parameter forces a string, and {@code {a,b}} is a list. Later parameters win.
 */
final class ParameterValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One step of a path: a key of a map, or an index of a list. */
    private record Step(String key, int index) {

        boolean isIndex() {
            return key == null;
        }
    }

    private ParameterValues() {
    }

    static ObjectNode of(List<Parameter> parameters) {
        ObjectNode root = NODES.objectNode();
        for (Parameter parameter : parameters) {
            List<Step> path = parse(parameter.name());
            set(root, path, typed(parameter), parameter.name());
        }
        return root;
    }

    static List<Step> parse(String name) {
        var steps = new ArrayList<Step>();
        var key = new StringBuilder();
        boolean keyOpen = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                key.append(name.charAt(++i));
            } else if (c == '.') {
                closeKey(steps, key, keyOpen, name);
                keyOpen = true;
            } else if (c == '[') {
                closeKey(steps, key, keyOpen, name);
                int end = name.indexOf(']', i);
                if (end < 0) {
                    throw invalid(name, "has a '[' without a ']'");
                }
                steps.add(new Step(null, index(name, name.substring(i + 1, end))));
                i = end;
                keyOpen = false;
            } else {
                if (!keyOpen) {
                    throw invalid(name, "has text after ']' that does not start with '.' or '['");
                }
                key.append(c);
            }
        }
        closeKey(steps, key, keyOpen, name);
        if (steps.isEmpty() || steps.getFirst().isIndex()) {
            throw invalid(name, "must start with a key");
        }
        return steps;
    }

    private static void closeKey(List<Step> steps, StringBuilder key, boolean keyOpen, String name) {
        if (!keyOpen) {
            return;
        }
        if (key.isEmpty()) {
            throw invalid(name, "has an empty key");
        }
        steps.add(new Step(key.toString(), -1));
        key.setLength(0);
    }

    private static int index(String name, String text) {
        try {
            int index = Integer.parseInt(text.strip());
            if (index < 0 || index > 65_536) {
                throw invalid(name, "has list index " + text + ", outside 0 to 65536");
            }
            return index;
        } catch (NumberFormatException e) {
            throw invalid(name, "has list index '" + text + "', which is not a number");
        }
    }

    private static void set(ObjectNode root, List<Step> path, JsonNode value, String name) {
        JsonNode parent = root;
        for (int i = 0; i < path.size(); i++) {
            Step step = path.get(i);
            boolean last = i == path.size() - 1;
            JsonNode child = last ? value : path.get(i + 1).isIndex() ? NODES.arrayNode() : NODES.objectNode();
            if (step.isIndex()) {
                ArrayNode list = (ArrayNode) parent;
                while (list.size() <= step.index()) {
                    list.addNull();
                }
                JsonNode existing = list.get(step.index());
                if (last || !sameShape(existing, child)) {
                    list.set(step.index(), child);
                } else {
                    child = existing;
                }
            } else {
                ObjectNode map = (ObjectNode) parent;
                JsonNode existing = map.get(step.key());
                if (last || !sameShape(existing, child)) {
                    map.set(step.key(), child);
                } else {
                    child = existing;
                }
            }
            parent = child;
        }
    }

    private static boolean sameShape(JsonNode existing, JsonNode wanted) {
        return existing != null && (existing.isObject() && wanted.isObject() || existing.isArray() && wanted.isArray());
    }

    private static JsonNode typed(Parameter parameter) {
        String value = parameter.value();
        if (value.length() >= 2 && value.startsWith("{") && value.endsWith("}")) {
            ArrayNode list = NODES.arrayNode();
            String inside = value.substring(1, value.length() - 1);
            if (!inside.isBlank()) {
                for (String item : inside.split(",", -1)) {
                    list.add(scalar(item, parameter.forceString()));
                }
            }
            return list;
        }
        return scalar(value, parameter.forceString());
    }

    /** As Helm's {@code --set} types a value; {@code --set-string} when {@code forceString}. */
    static JsonNode scalar(String value, boolean forceString) {
        if (forceString) {
            return NODES.stringNode(value);
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return NODES.booleanNode(value.equalsIgnoreCase("true"));
        }
        if (value.equalsIgnoreCase("null")) {
            return NODES.nullNode();
        }
        if (value.equals("0")) {
            return NODES.numberNode(0L);
        }
        if (!value.startsWith("0")) {
            try {
                return NODES.numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                // not an integer: a string, as in Helm
            }
        }
        return NODES.stringNode(value);
    }

    private static RenderException invalid(String name, String problem) {
        return new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "Helm parameter '" + name + "' " + problem);
    }
}
