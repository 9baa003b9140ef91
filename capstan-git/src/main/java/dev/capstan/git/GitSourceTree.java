package dev.capstan.git;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.LinkResolver;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read straight from Git objects with no checkout: a tree entry of mode
 * 040000 is a directory, 100644 or 100755 a file, 120000 a symbolic link whose blob is its
 * target. Links are followed by the engine's {@link LinkResolver}, so paths, links out of the
 * root and errors behave exactly as in a {@code DirectorySourceTree} over a checkout of the same
 * commit. Submodules (gitlinks) are not in the commit and count as absent.
 *
 * <p>Safe for concurrent use. It reads through the cache's repository, so it stays usable while
 * the cache fetches and until the cache is closed.
 */
public final class GitSourceTree implements SourceTree {

    /** Linux's PATH_MAX: a longer link target cannot be followed by a checkout either. */
    private static final int MAX_LINK_BYTES = 4096;
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private final Repository repository;
    private final Commit commit;
    private final ObjectId root;

    GitSourceTree(Repository repository, Commit commit, ObjectId rootTree) {
        this.repository = repository;
        this.commit = commit;
        this.root = rootTree;
    }

    /** The commit whose files these are. */
    public Commit commit() {
        return commit;
    }

    @Override
    public List<Entry> list(String directory) {
        String given = LinkResolver.normalise(directory);
        try (ObjectReader reader = repository.newObjectReader()) {
            Entry resolved = resolve(reader, directory).orElseThrow(() -> notFound(given, "no such directory"));
            if (!resolved.isDirectory()) {
                throw notFound(given, "not a directory");
            }
            var entries = new ArrayList<Entry>();
            try (TreeWalk walk = new TreeWalk(repository, reader)) {
                walk.addTree(treeAt(reader, resolved.path()));
                while (walk.next()) {
                    String path = given.equals(".") ? walk.getNameString() : given + "/" + walk.getNameString();
                    entry(reader, walk, path).ifPresent(entries::add);
                }
            }
            entries.sort(Comparator.comparing(Entry::name));
            return List.copyOf(entries);
        } catch (IOException e) {
            throw unreadable(given, e);
        }
    }

    @Override
    public Optional<Entry> resolve(String path) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return resolve(reader, path);
        }
    }

    @Override
    public byte[] read(String file, long maxBytes) {
        String given = LinkResolver.normalise(file);
        try (ObjectReader reader = repository.newObjectReader()) {
            Entry resolved = resolve(reader, file).orElseThrow(() -> notFound(given, "no such file"));
            if (!resolved.isFile()) {
                throw notFound(given, "not a regular file");
            }
            try (TreeWalk walk = TreeWalk.forPath(repository, reader, resolved.path(), root)) {
                ObjectLoader blob = reader.open(walk.getObjectId(0));
                if (blob.getSize() > maxBytes) {
                    throw new RenderException(Reason.TOO_LARGE, new Origin(given, 0),
                            "file is larger than the limit of " + RenderLimits.describeBytes(maxBytes) + " per file");
                }
                return blob.getBytes();
            }
        } catch (IOException e) {
            throw unreadable(given, e);
        }
    }

    /** The object id stored at {@code path} in this commit: a blob, a tree, or a link's blob. */
    @Override
    public Optional<String> version(String path) {
        String normalised = LinkResolver.normalise(path);
        if (normalised.equals(".")) {
            return Optional.of(root.name());
        }
        try (ObjectReader reader = repository.newObjectReader();
             TreeWalk walk = TreeWalk.forPath(repository, reader, normalised, root)) {
            return walk == null ? Optional.empty() : Optional.of(walk.getObjectId(0).name());
        } catch (IOException e) {
            throw unreadable(normalised, e);
        }
    }

    private Optional<Entry> resolve(ObjectReader reader, String path) {
        return LinkResolver.resolve(path, candidate -> stored(reader, candidate));
    }

    /** The entry at {@code path} as stored in the commit, a link not followed. */
    private Optional<Entry> stored(ObjectReader reader, String path) {
        try (TreeWalk walk = TreeWalk.forPath(repository, reader, path, root)) {
            return walk == null ? Optional.empty() : entry(reader, walk, path);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private Optional<Entry> entry(ObjectReader reader, TreeWalk walk, String path) throws IOException {
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.TREE) {
            return Optional.of(Entry.directory(path));
        }
        if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            return Optional.of(Entry.file(path));
        }
        if (mode == FileMode.SYMLINK) {
            ObjectLoader target = reader.open(walk.getObjectId(0));
            if (target.getSize() > MAX_LINK_BYTES) {
                throw new RenderException(Reason.NOT_FOUND, new Origin(path, 0), "symbolic link target is longer than " + MAX_LINK_BYTES + " bytes");
            }
            return Optional.of(Entry.symlink(path, asReadFromDisk(new String(target.getCachedBytes(), StandardCharsets.UTF_8))));
        }
        return Optional.empty();
    }

    /**
     * The link text as Java reads it back from a checkout ({@code Files.readSymbolicLink}), which
     * drops repeated and trailing slashes; resolution is the same either way, and this keeps the
     * targets in listings and warnings the same too.
     */
    private static String asReadFromDisk(String target) {
        String collapsed = REPEATED_SLASHES.matcher(target).replaceAll("/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }

    private ObjectId treeAt(ObjectReader reader, String directory) throws IOException {
        if (directory.equals(".")) {
            return root;
        }
        try (TreeWalk walk = TreeWalk.forPath(repository, reader, directory, root)) {
            return walk.getObjectId(0);
        }
    }

    private static RenderException notFound(String path, String what) {
        return new RenderException(Reason.NOT_FOUND, new Origin(path, 0), what);
    }

    /** Names the file and the kind of failure, never the cache directory on this machine. */
    private static RenderException unreadable(String path, IOException e) {
        return new RenderException(Reason.IO, new Origin(path, 0), "cannot read from the Git object database: " + e.getClass().getSimpleName(), e);
    }
}
