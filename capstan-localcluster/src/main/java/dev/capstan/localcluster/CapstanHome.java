package dev.capstan.localcluster;

import java.nio.file.Path;

/**
 * Where Capstan keeps its files on this machine: {@code $CAPSTAN_HOME}, else {@code ~/.capstan}.
 * {@code cache/} holds what can be rebuilt (control-plane binaries); {@code run/} holds the
 * working directories of running control planes.
 */
public record CapstanHome(Path root) {

    public static CapstanHome fromEnvironment() {
        String configured = System.getenv("CAPSTAN_HOME");
        if (configured != null && !configured.isBlank()) {
            return new CapstanHome(Path.of(configured).toAbsolutePath());
        }
        return new CapstanHome(Path.of(System.getProperty("user.home"), ".capstan"));
    }

    public Path binaryCache() {
        return root.resolve("cache").resolve("controlplane");
    }

    public Path runs() {
        return root.resolve("run");
    }
}
