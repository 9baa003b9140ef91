package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code Label: value} lines with the values aligned, as the summaries of {@code get} print them. */
final class LabelledLines {

    private final List<Map.Entry<String, String>> lines = new ArrayList<>();

    LabelledLines add(String label, String value) {
        lines.add(Map.entry(label, value == null ? "" : value));
        return this;
    }

    String render() {
        int width = lines.stream().mapToInt(line -> line.getKey().length()).max().orElse(0) + 2;
        var text = new StringBuilder();
        for (var line : lines) {
            String label = line.getKey() + ":";
            text.append((label + " ".repeat(width - label.length()) + line.getValue()).stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
