package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SourceTree} over a directory on disk, such as a Git checkout. Links are resolved by
 * {@link LinkResolver} and every path handed to the operating system is made of segments already
 * checked not to be links, so the operating system never follows one.
 */
public final class DirectorySourceTree implements SourceTree {

    private final Path root;

    /** A tree rooted at {@code root}, which must be a directory. */
    public DirectorySourceTree(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new RenderException(Reason.NOT_FOUND, Origin.NONE, "source root " + root + " does not exist", e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new RenderException(Reason.NOT_FOUND, Origin.NONE, "source root " + root + " is not a directory");
        }
    }

    @Override
    public List<Entry> list(String directory) {
        SourcePath given = SourcePath.parse(directory);
        Entry resolved = resolve(given).orElseThrow(() -> notFound(given, "no such directory"));
        if (!resolved.isDirectory()) {
            throw notFound(given, "not a directory");
        }
        var entries = new ArrayList<Entry>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(onDisk(SourcePath.parse(resolved.path())))) {
            for (Path child : children) {
                SourcePath path = given.child(child.getFileName().toString());
                entryAt(child, path).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw unreadable(given, e);
        }
        entries.sort(Comparator.comparing(Entry::name));
        return List.copyOf(entries);
    }

    @Override
    public Optional<Entry> resolve(String path) {
        return resolve(SourcePath.parse(path));
    }

    @Override
    public byte[] read(String file, long maxBytes) {
        SourcePath given = SourcePath.parse(file);
        Entry resolved = resolve(given).orElseThrow(() -> notFound(given, "no such file"));
        if (!resolved.isFile()) {
            throw notFound(given, "not a regular file");
        }
        Path path = onDisk(SourcePath.parse(resolved.path()));
        try {
            if (Files.size(path) > maxBytes) {
                throw tooLarge(given, maxBytes);
            }
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 9) + 1);
                if (bytes.length > maxBytes) {
                    throw tooLarge(given, maxBytes);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw unreadable(given, e);
        }
    }

    private Optional<Entry> resolve(SourcePath path) {
        return LinkResolver.resolve(path, candidate -> entryAt(onDisk(candidate), candidate));
    }

    /** The entry at {@code file} as stored; other kinds of files (sockets, devices) count as absent. */
    private Optional<Entry> entryAt(Path file, SourcePath path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                String target = Files.readSymbolicLink(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                return Optional.of(Entry.symlink(path.toString(), target));
            }
            if (attributes.isDirectory()) {
                return Optional.of(Entry.directory(path.toString()));
            }
            if (attributes.isRegularFile()) {
                return Optional.of(Entry.file(path.toString()));
            }
            return Optional.empty();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return Optional.empty();
            }
            throw unreadable(path, e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private Path onDisk(SourcePath path) {
        try {
            Path resolved = root;
            for (String segment : path.segments()) {
                resolved = resolved.resolve(segment);
            }
            return resolved;
        } catch (InvalidPathException e) {
            throw notFound(path, "not a valid file name");
        }
    }

    private static RenderException notFound(SourcePath path, String what) {
        return new RenderException(Reason.NOT_FOUND, new Origin(path.toString(), 0), what);
    }

    private static RenderException tooLarge(SourcePath path, long maxBytes) {
        return new RenderException(Reason.TOO_LARGE, new Origin(path.toString(), 0),
                "file is larger than the limit of " + RenderLimits.describeBytes(maxBytes) + " per file");
    }

    /** Names the file relative to the root and the kind of failure, never the absolute path on this machine. */
    private static RenderException unreadable(SourcePath path, IOException e) {
        String why = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        return new RenderException(Reason.IO, new Origin(path.toString(), 0), "cannot read: " + why, e);
    }
}
