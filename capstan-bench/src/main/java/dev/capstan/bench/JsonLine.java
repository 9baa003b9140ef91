package dev.capstan.bench;

import java.util.Locale;
import java.util.Map;

/** One JSON object on one line, built field by field: what every scenario prints per run or sample. */
final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");

    static JsonLine of(String scenario, String tool) {
        return new JsonLine().add("scenario", scenario).add("tool", tool);
    }

    JsonLine add(String name, String value) {
        field(name).append(quote(value));
        return this;
    }

    JsonLine add(String name, long value) {
        field(name).append(value);
        return this;
    }

    JsonLine add(String name, double value) {
        field(name).append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    JsonLine add(String name, Map<String, Long> counts) {
        StringBuilder object = field(name).append('{');
        boolean first = true;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            object.append(first ? "" : ",").append(quote(entry.getKey())).append(':').append(entry.getValue());
            first = false;
        }
        object.append('}');
        return this;
    }

    private StringBuilder field(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        return text.append(quote(name)).append(':');
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
