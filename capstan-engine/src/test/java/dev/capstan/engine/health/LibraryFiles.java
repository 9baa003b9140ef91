package dev.capstan.engine.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.ManifestFormat;
import tools.jackson.databind.JsonNode;

/**
 * The rule library as files, for the tests that check its coverage and write docs/health.md:
 * each rule file with its kind, the first line of its leading comment, and its fixtures.
 */
final class LibraryFiles {

    /** One kind of the library. */
    record Kind(GroupKind kind, Path file, String text, List<Path> fixtures) {

        /** {@code cert-manager.io}, or {@code core}, as the directories name groups. */
        String directory() {
            return kind.isCore() ? "core" : kind.group();
        }

        /** The first line of the leading comment, without the {@code #}; empty when the file does not start with one. */
        String summary() {
            String first = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
            return first.startsWith("#") ? first.substring(1).strip() : "";
        }

        /** The {@code expected} mapping of each fixture. */
        List<JsonNode> expectations() {
            return fixtures.stream().map(LibraryFiles::read).toList();
        }
    }

    private LibraryFiles() {
    }

    /** Every kind of the library, sorted by group and kind. */
    static List<Kind> kinds() {
        Path library = classPath("/" + HealthLibrary.ROOT);
        Path fixtures = classPath("/health");
        try (Stream<Path> files = Files.walk(library)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().map(file -> {
                Path relative = library.relativize(file);
                String group = relative.getNameCount() == 2 ? relative.getName(0).toString() : relative.getParent().toString();
                String kind = relative.getFileName().toString().replaceFirst("\\.yaml$", "");
                Path directory = fixtures.resolve(group).resolve(kind);
                return new Kind(new GroupKind(group.equals("core") ? "" : group, kind), relative, text(file), fixturesIn(directory));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> fixturesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path fixture) {
        return ManifestFormat.YAML.readTree(text(fixture));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classPath(String resource) {
        try {
            return Path.of(LibraryFiles.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
