package dev.capstan.render.jsonnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scala.collection.mutable.HashMap;

/**
 * A file or directory of the source tree as sjsonnet names it: segments relative to the root,
 * never outside it. sjsonnet prints it relative to the root in error messages and
 * {@code std.thisFile}; {@link #resolve} is the one way to step with {@code ..}.
 */
record TreePath(List<String> segments) implements sjsonnet.Path {

    static final TreePath ROOT = new TreePath(List.of());

    TreePath {
        segments = List.copyOf(segments);
    }

    static TreePath of(String path) {
        return ROOT.resolve(path).orElseThrow(() -> new IllegalArgumentException("not a path inside the root: " + path));
    }

    /**
     * {@code relative} (segments separated by {@code /}, possibly with {@code .} and {@code ..})
     * taken from this directory; empty when it is absolute or leads out of the root.
     */
    Optional<TreePath> resolve(String relative) {
        if (relative.startsWith("/")) {
            return Optional.empty();
        }
        var result = new ArrayList<>(segments);
        for (String segment : relative.split("/")) {
            if (segment.equals("..")) {
                if (result.isEmpty()) {
                    return Optional.empty();
                }
                result.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                result.add(segment);
            }
        }
        return Optional.of(new TreePath(result));
    }

    @Override
    public String toString() {
        return segments.isEmpty() ? "." : String.join("/", segments);
    }

    @Override
    public String relativeToString(sjsonnet.Path root) {
        return toString();
    }

    @Override
    public TreePath parent() {
        return segments.isEmpty() ? ROOT : new TreePath(segments.subList(0, segments.size() - 1));
    }

    @Override
    public int segmentCount() {
        return segments.size();
    }

    @Override
    public String last() {
        return segments.isEmpty() ? "" : segments.getLast();
    }

    /** sjsonnet's {@code path / name}: a name such as {@code <ext-var x>} under this directory, taken as written. */
    @Override
    public TreePath $div(String name) {
        var longer = new ArrayList<>(segments);
        longer.add(name);
        return new TreePath(longer);
    }

    @Override
    public String renderOffsetStr(int offset, HashMap<sjsonnet.Path, int[]> loadedFileContents) {
        return this + ":offset " + offset;
    }
}
