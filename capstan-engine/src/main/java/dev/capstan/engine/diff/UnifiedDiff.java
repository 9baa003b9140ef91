package dev.capstan.engine.diff;

import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/** A unified diff of two YAML renderings, the way people read changes. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of {@code before} (live) against {@code after} (desired), labelled {@code live/<label>} and {@code desired/<label>}; empty when equal. */
    public static String of(String label, String before, String after) {
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
