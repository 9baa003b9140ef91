package dev.capstan.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import dev.capstan.engine.ManifestFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What {@code capstan login} remembers: the API server and the session token, in
 * {@code ~/.config/capstan/config.json} (or {@code $CAPSTAN_CONFIG}), readable by its owner only.
 * The token is never printed.
 */
record CliConfig(String server, String token) {

    static final String PATH_VARIABLE = "CAPSTAN_CONFIG";

    @Override
    public String toString() {
        return "CliConfig[server=" + server + ", token=***]";
    }

    /** The same as {@code $CAPSTAN_CONFIG} for a JVM that runs the CLI in process (tests, embedding). */
    static final String PATH_PROPERTY = "capstan.config";

    /** Where the file is: the property {@value #PATH_PROPERTY}, {@code $CAPSTAN_CONFIG}, else {@code ~/.config/capstan/config.json}. */
    static Path location(Map<String, String> environment) {
        String property = System.getProperty(PATH_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String configured = environment.get(PATH_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".config", "capstan", "config.json");
    }

    static Optional<CliConfig> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = ManifestFormat.JSON.readTree(Files.readString(file));
            String server = node.path("server").asString("");
            String token = node.path("token").asString("");
            return server.isBlank() ? Optional.empty() : Optional.of(new CliConfig(server, token));
        } catch (IOException | JacksonException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage() + " (capstan login writes it anew)");
        }
    }

    /** Writes the file with owner-only permissions, replacing it whole. */
    void write(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".config", ".json");
            try {
                setOwnerOnly(temporary);
                Files.writeString(temporary, ManifestFormat.JSON.writeValueAsString(Map.of("server", server, "token", token)) + "\n");
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }
}
