package dev.capstan.engine.diff;

import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/** A unified diff of two YAML renderings, the way people read changes. */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String of(String label, String before, String after) {
        List<String> beforeLines = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> afterLines = after.isEmpty() ? List.of() : after.lines().toList();
        var patch = DiffUtils.diff(beforeLines, afterLines);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(
                "live/" + label, "desired/" + label, beforeLines, patch, CONTEXT);
        return String.join("\n", lines) + "\n";
    }
}
