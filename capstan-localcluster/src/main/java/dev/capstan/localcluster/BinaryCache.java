package dev.capstan.localcluster;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import dev.capstan.localcluster.ControlPlaneRecipe.Binary;
import dev.capstan.localcluster.ControlPlaneRecipe.GoBuild;

/**
 * Builds the control-plane binaries from Go modules once per recipe and keeps them in
 * {@code <cache>/<key>/}. A build runs in a temporary directory under a file lock, so parallel
 * JVMs build once, and is moved into place atomically with a {@code READY} marker, so a reader
 * never sees half a build.
 */
public final class BinaryCache {

    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path root;
    private final String go;

    public BinaryCache(Path root, String goExecutable) {
        this.root = root;
        this.go = goExecutable;
    }

    /** The cache under Capstan's home, using {@code $CAPSTAN_GO} or {@code go} from PATH. */
    public static BinaryCache fromEnvironment() {
        String go = System.getenv("CAPSTAN_GO");
        return new BinaryCache(CapstanHome.fromEnvironment().binaryCache(), go == null || go.isBlank() ? "go" : go);
    }

    /** The cache key of the recipe for the installed Go, OS and architecture. */
    public String key() {
        var discard = Writer.nullWriter();
        List<String> env = new GoTool(go, discard).run("find Go", root.getRoot(), List.of("env", "GOVERSION", "GOOS", "GOARCH"));
        if (env.size() < 3) {
            throw new ControlPlaneException("find Go", "`go env` printed " + env);
        }
        return ControlPlaneRecipe.cacheKey(env.get(0).strip(), env.get(1).strip(), env.get(2).strip());
    }

    /** The binaries if this recipe was built already. */
    public Optional<Binaries> find() {
        Path dir = root.resolve(key());
        return Files.isRegularFile(dir.resolve(Binaries.READY)) ? Optional.of(new Binaries(dir)) : Optional.empty();
    }

    /** The binaries, built first if they are not in the cache. */
    public Binaries ensureBuilt(BuildProgress progress) {
        String key = key();
        Path target = root.resolve(key);
        if (Files.isRegularFile(target.resolve(Binaries.READY))) {
            return new Binaries(target);
        }
        JVM_LOCK.lock();
        try {
            Files.createDirectories(root);
            try (var lockFile = FileChannel.open(root.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var lock = lockFile.lock()) {
                if (!Files.isRegularFile(target.resolve(Binaries.READY))) {
                    build(key, target, progress);
                }
            }
            return new Binaries(target);
        } catch (IOException e) {
            throw new ControlPlaneException("lock the binary cache", root + ": " + e.getMessage(), e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    private void build(String key, Path target, BuildProgress progress) throws IOException {
        Path work = Files.createTempDirectory(root, ".build-" + key + "-");
        Path out = Files.createDirectories(work.resolve("bin"));
        Path logFile = root.resolve("build-" + key + ".log");
        try (Writer log = new OutputStreamWriter(Files.newOutputStream(logFile), StandardCharsets.UTF_8)) {
            var goTool = new GoTool(go, log);
            for (GoBuild build : ControlPlaneRecipe.BUILDS) {
                buildModule(goTool, build, work, out, progress);
            }
            copyKwokStages(goTool, work.resolve("kwok"), out);
            verify(out);
            writeChecksums(out);
            Files.writeString(out.resolve(Binaries.READY), key + "\n");
            moveIntoPlace(out, target);
        } finally {
            deleteTree(work);
        }
    }

    private static void buildModule(GoTool goTool, GoBuild build, Path work, Path out, BuildProgress progress)
            throws IOException {
        Path moduleDir = Files.createDirectories(work.resolve(build.module()));
        for (String file : ControlPlaneRecipe.MODULE_FILES) {
            Files.write(moduleDir.resolve(file), ControlPlaneRecipe.moduleFile(build.module(), file));
        }
        List<String> packages = build.binaries().stream().map(Binary::goPackage).toList();
        String step = "build " + build.label();

        var listArgs = new ArrayList<>(List.of("list", "-deps"));
        listArgs.addAll(packages);
        int units = goTool.run("download modules for " + build.label(), moduleDir, listArgs).size();

        progress.stepStarted(step, units);
        var buildArgs = new ArrayList<>(List.of("build", "-v", "-trimpath", "-ldflags", build.ldflags(), "-o"));
        buildArgs.add(packages.size() == 1
                ? out.resolve(build.binaries().getFirst().name()).toString()
                : out + "/");
        buildArgs.addAll(packages);
        goTool.run(step, moduleDir, buildArgs, progress::unitDone);
        progress.stepFinished(step);
    }

    /** kwok has no built-in stages; they come from its module as YAML files and go into one config. */
    private static void copyKwokStages(GoTool goTool, Path kwokModule, Path out) throws IOException {
        String step = "copy kwok stages";
        List<String> dirLine = goTool.run(step, kwokModule,
                List.of("list", "-m", "-f", "{{.Dir}}", "sigs.k8s.io/kwok"));
        Path moduleDir = Path.of(dirLine.getLast().strip());
        var stages = new StringBuilder();
        for (String stage : ControlPlaneRecipe.KWOK_STAGES) {
            Path file = moduleDir.resolve(stage);
            if (!Files.isRegularFile(file)) {
                throw new ControlPlaneException(step, "kwok's module has no " + stage + " in " + moduleDir);
            }
            stages.append("---\n").append(Files.readString(file).strip()).append('\n');
        }
        Files.writeString(out.resolve(Binaries.KWOK_STAGES), stages);
    }

    /** Every binary runs and reports the version the recipe asked for. */
    private static void verify(Path out) {
        ControlPlaneRecipe.binaries().forEach(binary -> {
            String expected = switch (binary.name()) {
                case "etcd" -> ControlPlaneRecipe.ETCD_VERSION;
                case "kwok" -> ControlPlaneRecipe.KWOK_VERSION;
                default -> ControlPlaneRecipe.KUBERNETES_VERSION;
            };
            List<String> args = binary.name().equals("kubectl")
                    ? List.of("version", "--client")
                    : List.of("--version");
            String version = Processes.output("verify " + binary.name(), out.resolve(binary.name()), args);
            if (!version.contains(expected)) {
                throw new ControlPlaneException("verify " + binary.name(),
                        "expected version " + expected + " but it printed: " + version.strip());
            }
        });
    }

    private static void writeChecksums(Path out) throws IOException {
        var sums = new StringBuilder();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                sums.append(sha256(file)).append("  ").append(file.getFileName()).append('\n');
            }
        }
        Files.writeString(out.resolve("SHA256SUMS"), sums);
    }

    private static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void moveIntoPlace(Path built, Path target) throws IOException {
        // Only a directory without READY can be there (the lock is held): a build that died midway.
        deleteTree(target);
        Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
