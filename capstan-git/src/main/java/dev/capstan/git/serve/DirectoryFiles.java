package dev.capstan.git.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;

/**
 * A directory on disk read as the content of a Git tree: every regular file (executable or not)
 * and every symbolic link, by its path relative to the directory with {@code /} between names.
 * Nothing is skipped; empty directories vanish, as Git cannot hold them.
 */
final class DirectoryFiles {

    private DirectoryFiles() {
    }

    static Map<String, Blob> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        Map<String, Blob> files = new TreeMap<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    files.put(pathOf(directory.relativize(file)), blobOf(file, attributes));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Blob blobOf(Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
            return new Blob(FileMode.SYMLINK, Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
        }
        if (attributes.isRegularFile()) {
            return new Blob(executable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE, Files.readAllBytes(file));
        }
        throw new IllegalArgumentException(file + " is neither a regular file nor a symbolic link, so Git cannot hold it");
    }

    /** Git keeps one executable bit: the owner's. */
    private static boolean executable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException notPosix) {
            return Files.isExecutable(file);
        }
    }

    private static String pathOf(Path relative) {
        StringBuilder path = new StringBuilder();
        for (Path name : relative) {
            path.append(path.isEmpty() ? "" : "/").append(name);
        }
        return path.toString();
    }
}
