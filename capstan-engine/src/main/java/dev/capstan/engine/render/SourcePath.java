package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path inside a source tree: relative to the root, normalised (no empty, {@code .} or
 * {@code ..} segments), and so never outside the root. The root has no segments and prints as
 * {@code .}.
 */
record SourcePath(List<String> segments) {

    static final SourcePath ROOT = new SourcePath(List.of());

    SourcePath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a user's or caller's path such as {@code apps/web/} or {@code ./apps/web}.
     *
     * @throws RenderException {@code PATH_OUTSIDE_ROOT} for an absolute path or one with a {@code ..} segment
     */
    static SourcePath parse(String path) {
        Objects.requireNonNull(path, "path");
        if (path.startsWith("/")) {
            throw new RenderException(Reason.PATH_OUTSIDE_ROOT, Origin.NONE,
                    "absolute path '" + path + "' is not allowed; give a path relative to the source root");
        }
        var segments = new ArrayList<String>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new RenderException(Reason.PATH_OUTSIDE_ROOT, Origin.NONE,
                        "path '" + path + "' has a '..' segment, which is not allowed");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return new SourcePath(segments);
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    SourcePath child(String name) {
        var longer = new ArrayList<>(segments);
        longer.add(name);
        return new SourcePath(longer);
    }

    /** The last segment; the empty string for the root. */
    String name() {
        return isRoot() ? "" : segments.getLast();
    }

    /** This path relative to {@code ancestor}, which must be a prefix of it; {@code .} when equal. */
    String relativeTo(SourcePath ancestor) {
        if (!segments.subList(0, Math.min(ancestor.segments.size(), segments.size())).equals(ancestor.segments)) {
            throw new IllegalArgumentException(this + " is not inside " + ancestor);
        }
        return new SourcePath(segments.subList(ancestor.segments.size(), segments.size())).toString();
    }

    @Override
    public String toString() {
        return isRoot() ? "." : String.join("/", segments);
    }
}
