package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.SourceTree.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Follows symbolic links by their text, one path segment at a time, the way a kernel would but
 * without asking one: so a checkout and a Git tree resolve the same, and a link is judged before
 * anything it points to is touched. A link whose target is absolute or climbs above the root is
 * refused, naming the link.
 *
 * <p>Public so that a {@link SourceTree} in another module (the Git one) resolves links exactly
 * as {@link DirectorySourceTree} does, through {@link #resolve(String, StoredEntries)}.
 */
public final class LinkResolver {

    /** As Linux's limit on links followed while resolving one path. */
    static final int MAX_LINKS = 40;

    /** The entry at a path exactly as stored, without following a link at the end of it. */
    @FunctionalInterface
    interface Lookup {
        Optional<Entry> entry(SourcePath path);
    }

    /**
     * The entry at a path exactly as stored, without following a link at the end of it. The path
     * is normalised, relative to the root, and never the root itself.
     */
    @FunctionalInterface
    public interface StoredEntries {
        Optional<Entry> entry(String path);
    }

    private record Segment(String name, SourcePath viaLink, String linkTarget) {
    }

    private LinkResolver() {
    }

    /**
     * The file or directory {@code path} leads to, with the path it leads to; empty when nothing
     * is there (a missing name, a dangling link, or a file used as a directory).
     *
     * @throws RenderException {@code PATH_OUTSIDE_ROOT} for an absolute path, a {@code ..} segment
     *     or a link out of the root; {@code NOT_FOUND} for too many levels of links
     */
    public static Optional<Entry> resolve(String path, StoredEntries entries) {
        return resolve(SourcePath.parse(path), candidate -> entries.entry(candidate.toString()));
    }

    /**
     * {@code path} as every {@link SourceTree} names it in entries and errors: no empty, {@code .}
     * or trailing segments, {@code .} for the root.
     *
     * @throws RenderException {@code PATH_OUTSIDE_ROOT} for an absolute path or a {@code ..} segment
     */
    public static String normalise(String path) {
        return SourcePath.parse(path).toString();
    }

    /**
     * The file or directory {@code path} leads to, with the path it leads to; empty when nothing
     * is there (a missing name, a dangling link, or a file used as a directory).
     */
    static Optional<Entry> resolve(SourcePath path, Lookup lookup) {
        Deque<Segment> pending = new ArrayDeque<>();
        path.segments().forEach(name -> pending.addLast(new Segment(name, null, null)));
        List<String> resolved = new ArrayList<>();
        Entry current = Entry.directory(SourcePath.ROOT.toString());
        int linksFollowed = 0;
        while (!pending.isEmpty()) {
            Segment segment = pending.removeFirst();
            if (segment.name().isEmpty() || segment.name().equals(".")) {
                continue;
            }
            if (!current.isDirectory()) {
                return Optional.empty();
            }
            if (segment.name().equals("..")) {
                if (resolved.isEmpty()) {
                    throw outsideRoot(segment.viaLink(), segment.linkTarget());
                }
                resolved.removeLast();
                continue;
            }
            SourcePath candidate = new SourcePath(resolved).child(segment.name());
            Optional<Entry> found = lookup.entry(candidate);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Entry entry = found.get();
            if (entry.isSymlink()) {
                if (++linksFollowed > MAX_LINKS) {
                    throw new RenderException(Reason.NOT_FOUND, new Origin(candidate.toString(), 0),
                            "too many levels of symbolic links (more than " + MAX_LINKS + ")");
                }
                String target = entry.linkTarget();
                if (target.startsWith("/")) {
                    throw outsideRoot(candidate, target);
                }
                String[] names = target.split("/");
                for (int i = names.length - 1; i >= 0; i--) {
                    pending.addFirst(new Segment(names[i], candidate, target));
                }
                continue;
            }
            resolved.add(segment.name());
            current = entry;
        }
        SourcePath end = new SourcePath(resolved);
        return Optional.of(new Entry(end.toString(), current.type(), ""));
    }

    private static RenderException outsideRoot(SourcePath link, String target) {
        return new RenderException(Reason.PATH_OUTSIDE_ROOT, new Origin(link.toString(), 0),
                "symbolic link points outside the source root (to " + target + ")");
    }
}
