package dev.capstan.render.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A temporary directory only this user can read, deleted with everything in it on close: where
 * one render's copy of the source lives while kustomize reads it.
 */
final class PrivateDirectory implements AutoCloseable {

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /** A new directory in {@code parent}, or in the system's temporary directory when {@code parent} is null. */
    static PrivateDirectory create(Path parent, String prefix) {
        try {
            var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Path created = parent == null ? Files.createTempDirectory(prefix, owner) : Files.createTempDirectory(parent, prefix, owner);
            return new PrivateDirectory(created.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for rendering", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        deleteTree(path);
    }

    /** Deletes {@code dir} and everything in it, links themselves rather than what they point to. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
