package dev.capstan.render.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A private directory for one render: the chart as Helm reads it ({@link #chart()}) and the
 * values files handed to Helm. Removed when closed. Remembers what each file it holds stands
 * for, so that Helm's messages can name the user's file rather than a path on this machine.
 */
final class Workspace implements AutoCloseable {

    private final Path root;
    private final Map<String, String> names = new LinkedHashMap<>();
    private int valuesFiles;

    private Workspace(Path root) {
        this.root = root;
    }

    static Workspace create() {
        try {
            return new Workspace(Files.createTempDirectory("capstan-helm-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** Where the chart lies; Helm is pointed here. */
    Path chart() {
        return root.resolve("chart");
    }

    /** The directory of values files, after the chart's own. */
    Path values() {
        return root.resolve("values");
    }

    /** Writes the next values file, which stands for {@code name} in messages. */
    Path writeValues(String name, byte[] bytes) {
        try {
            Files.createDirectories(values());
            Path file = values().resolve("values-" + valuesFiles++ + ".yaml");
            Files.write(file, bytes);
            names.put(file.toString(), name);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says in {@code message} what the user knows instead of paths in this workspace. */
    String describe(String message, String chartName) {
        String described = message;
        for (Map.Entry<String, String> name : names.entrySet()) {
            described = described.replace(name.getKey(), name.getValue());
        }
        return described.replace(chart().toString(), chartName).replace(root.toString(), "");
    }

    @Override
    public void close() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
