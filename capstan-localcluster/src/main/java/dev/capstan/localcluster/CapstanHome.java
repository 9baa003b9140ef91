package dev.capstan.localcluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Capstan keeps its files on this machine: {@code $CAPSTAN_HOME}, else {@code ~/.capstan}.
 * {@code cache/controlplane/} holds what can be rebuilt (control-plane binaries; elsewhere when
 * {@code $CAPSTAN_CACHE_DIR} says so); {@code run/} holds the working directories of running
 * control planes.
 */
public record CapstanHome(Path root, Path binaryCache) {

    public static CapstanHome fromEnvironment() {
        Path root = environmentPath("CAPSTAN_HOME").orElse(Path.of(System.getProperty("user.home"), ".capstan"));
        Path cache = environmentPath("CAPSTAN_CACHE_DIR").orElse(root.resolve("cache").resolve("controlplane"));
        return new CapstanHome(root, cache);
    }

    private static Optional<Path> environmentPath(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank())
                .map(value -> Path.of(value).toAbsolutePath());
    }

    public Path runs() {
        return root.resolve("run");
    }
}
