package dev.capstan.localcluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What is recorded about one control plane in {@code state.properties} of its run directory:
 * its owner process, the process group of each component, the ports and the kubeconfig. It is
 * written before the first component starts and after each, so that whatever outlives a crashed
 * owner can be found and stopped at the next start, and so that {@code capstan cluster local
 * status} can tell what runs.
 */
public final class RunState {

    static final String FILE = "state.properties";

    private final Path runDir;
    private final Properties properties;

    private RunState(Path runDir, Properties properties) {
        this.runDir = runDir;
        this.properties = properties;
    }

    static RunState ownedByThisProcess(Path runDir) {
        var properties = new Properties();
        ProcessHandle self = ProcessHandle.current();
        properties.setProperty("owner.pid", Long.toString(self.pid()));
        self.info().startInstant().ifPresent(start -> properties.setProperty("owner.start", start.toString()));
        properties.setProperty("phase", "starting");
        return new RunState(runDir, properties);
    }

    /** The state recorded in {@code runDir}, if there is any. */
    public static Optional<RunState> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new RunState(runDir, properties));
    }

    public Path runDir() {
        return runDir;
    }

    public long ownerPid() {
        return Long.parseLong(properties.getProperty("owner.pid", "-1"));
    }

    /** Whether the owner process is still the one that wrote this state (its pid may have been reused). */
    public boolean ownerAlive() {
        return ProcessHandle.of(ownerPid())
                .filter(owner -> Processes.alive(owner.pid()))
                .filter(handle -> handle.info().startInstant().map(Instant::toString)
                        .map(start -> start.equals(properties.getProperty("owner.start")))
                        .orElse(true))
                .isPresent();
    }

    /**
     * Asks the owner to stop (TERM, on which it stops its components) and returns once it is
     * gone; after {@code timeout} it is killed, and its components end through their guards.
     */
    public void stopOwner(Duration timeout) {
        ProcessHandle.of(ownerPid()).ifPresent(ProcessHandle::destroy);
        if (!awaitOwnerGone(timeout)) {
            ProcessHandle.of(ownerPid()).ifPresent(ProcessHandle::destroyForcibly);
            awaitOwnerGone(Duration.ofSeconds(5));
        }
    }

    private boolean awaitOwnerGone(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (ownerAlive()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Processes.pause(Duration.ofMillis(100));
        }
        return true;
    }

    /** {@code starting}, {@code ready} or {@code stopping}. */
    public String phase() {
        return properties.getProperty("phase", "unknown");
    }

    /** Component name to process-group id, in start order. */
    public Map<String, Long> components() {
        var groups = new LinkedHashMap<String, Long>();
        for (String name : LocalControlPlane.COMPONENTS) {
            String value = properties.getProperty(name + ".pgid");
            if (value != null) {
                groups.put(name, Long.parseLong(value));
            }
        }
        return groups;
    }

    public Optional<Integer> port(String name) {
        return Optional.ofNullable(properties.getProperty(name + ".port")).map(Integer::parseInt);
    }

    public Optional<Path> kubeconfig() {
        return Optional.ofNullable(properties.getProperty("kubeconfig")).map(Path::of);
    }

    /** Whether a live process of the group {@code pgid} still belongs to this run (pids are reused). */
    public boolean componentAlive(long pgid) {
        String marker = runDir + "/";
        return Processes.groupMembers(pgid).stream().anyMatch(pid -> Processes.commandLine(pid).contains(marker));
    }

    RunState set(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    void write() {
        Path file = runDir.resolve(FILE);
        Path temporary = runDir.resolve(FILE + ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "capstan local control plane");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
