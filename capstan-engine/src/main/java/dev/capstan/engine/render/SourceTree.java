package dev.capstan.engine.render;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only tree of files at one revision of a source: a checkout on disk
 * ({@link DirectorySourceTree}) or the objects of a Git commit read without a checkout (capstan-git's
 * {@code GitSourceTree}).
 * Renderers read only through this, so they work the same on both.
 *
 * <p>Paths are relative to the root with {@code /} between segments; {@code ""} and {@code "."}
 * are the root. A path with a {@code ..} segment, or an absolute path, is refused with
 * {@link RenderException.Reason#PATH_OUTSIDE_ROOT}. Symbolic links are followed by their text,
 * relative to the directory holding the link, as long as they stay inside the root; a link that
 * leads out of the root is refused, naming the link. Nothing outside the root is ever read.
 */
public interface SourceTree {

    /**
     * The entries directly inside {@code directory}, sorted by name. Each entry's path is
     * {@code directory} joined with its name; symbolic links are listed as links, not followed.
     *
     * @throws RenderException {@code NOT_FOUND} if {@code directory} is not a directory
     */
    List<Entry> list(String directory);

    /**
     * What {@code path} names once symbolic links are followed: a {@code FILE} or {@code DIRECTORY}
     * entry whose path is where the links lead. Empty when nothing is there, as for a link whose
     * target is missing.
     */
    Optional<Entry> resolve(String path);

    /**
     * The bytes of the regular file at {@code file} (links followed).
     *
     * @throws RenderException {@code TOO_LARGE} if the file is larger than {@code maxBytes},
     *     {@code NOT_FOUND} if there is no regular file there
     */
    byte[] read(String file, long maxBytes);

    /**
     * What identifies the content stored at {@code path} (a link not followed): a value that
     * changes whenever the file, or anything in the directory, does (Git's object id). Empty when
     * nothing is there, or when this tree cannot tell (a checkout on disk), so that a caller that
     * would reuse work on an unchanged path does not.
     */
    default Optional<String> version(String path) {
        return Optional.empty();
    }

    /** One name in a directory: a regular file, a directory, or a symbolic link with its target text. */
    record Entry(String path, Type type, String linkTarget) {

        public enum Type {
            FILE,
            DIRECTORY,
            SYMLINK
        }

        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
            if (type == Type.SYMLINK) {
                Objects.requireNonNull(linkTarget, "linkTarget");
            } else {
                linkTarget = "";
            }
        }

        public static Entry file(String path) {
            return new Entry(path, Type.FILE, "");
        }

        public static Entry directory(String path) {
            return new Entry(path, Type.DIRECTORY, "");
        }

        public static Entry symlink(String path, String target) {
            return new Entry(path, Type.SYMLINK, target);
        }

        /** The last segment of the path. */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        public boolean isFile() {
            return type == Type.FILE;
        }

        public boolean isDirectory() {
            return type == Type.DIRECTORY;
        }

        public boolean isSymlink() {
            return type == Type.SYMLINK;
        }
    }
}
