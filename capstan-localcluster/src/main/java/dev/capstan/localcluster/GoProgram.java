package dev.capstan.localcluster;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One program built from Go modules by a pinned recipe (a {@code go.mod} and {@code go.sum} kept
 * as class-path resources) and kept in a cache directory by name, version, Go toolchain,
 * platform and a hash of the recipe, so it is built once per machine and never taken from PATH.
 * A build runs under a file lock, so parallel JVMs build once, and moves into place with a
 * {@code READY} marker, so nobody runs half a build. Kustomize and the OCI registry the tests
 * push charts to are built this way.
 */
public final class GoProgram {

    private static final String READY = "READY";
    private static final String LDFLAGS = "-s -w";
    private static final List<String> RECIPE_FILES = List.of("go.mod", "go.sum");
    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /**
     * What to build and how to recognise it.
     *
     * @param name the program's file name, e.g. {@code kustomize}
     * @param version the release the recipe pins, e.g. {@code 5.8.2}
     * @param goPackage the Go package of the command
     * @param anchor the class beside whose package the recipe lies
     * @param recipeDirectory the resource directory of {@code go.mod} and {@code go.sum}, relative to the anchor's package
     * @param versionArguments the arguments that make the program print its version
     */
    public record Recipe(String name, String version, String goPackage, Class<?> anchor, String recipeDirectory,
            List<String> versionArguments) {

        public Recipe {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(goPackage, "goPackage");
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(recipeDirectory, "recipeDirectory");
            versionArguments = List.copyOf(versionArguments);
        }

        @Override
        public String toString() {
            return name + " " + version;
        }
    }

    private final Recipe recipe;
    private final Path cacheDir;
    private final String go;

    /**
     * @param cacheDir where built programs are kept, one directory per recipe
     * @param goExecutable the {@code go} command to build with
     */
    public GoProgram(Recipe recipe, Path cacheDir, String goExecutable) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.go = Objects.requireNonNull(goExecutable, "goExecutable");
    }

    /** The cache in {@code <home>/cache/<name>}, built with {@code $CAPSTAN_GO} or {@code go} from PATH. */
    public static GoProgram inHome(Recipe recipe, CapstanHome home) {
        String go = System.getenv("CAPSTAN_GO");
        return new GoProgram(recipe, home.root().resolve("cache").resolve(recipe.name()), go == null || go.isBlank() ? "go" : go);
    }

    /**
     * The path of the program, built first if the cache does not hold it (a minute or a few on a
     * fresh machine, depending on the program).
     *
     * @throws IllegalStateException when Go is missing or the build fails, with the build's last lines
     */
    @SuppressWarnings("try") // the file lock is held by the try, not used in it
    public Path ensureBuilt() {
        try {
            String key = key();
            Path target = cacheDir.resolve(key);
            if (Files.isRegularFile(target.resolve(READY))) {
                return target.resolve(recipe.name());
            }
            ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
            jvmLock.lock();
            try {
                Files.createDirectories(cacheDir);
                try (var lockFile = FileChannel.open(cacheDir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     var lock = lockFile.lock()) {
                    if (!Files.isRegularFile(target.resolve(READY))) {
                        build(key, target);
                    }
                }
            } finally {
                jvmLock.unlock();
            }
            return target.resolve(recipe.name());
        } catch (ControlPlaneException e) {
            throw new IllegalStateException("cannot build " + recipe + ": " + e.step() + " failed"
                    + (e.logTail().isBlank() ? ": " + e.getMessage() : "\n" + e.logTail()), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + recipe + " in " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code executable} prints this recipe's version, for a program built beforehand
     * (as the controller's image holds them; it has no Go).
     *
     * @throws IOException when it cannot be run
     * @throws ControlPlaneException when it runs but is not this version
     */
    public static void verify(Recipe recipe, Path executable) throws IOException {
        var command = new ArrayList<String>();
        command.add(executable.toString());
        command.addAll(recipe.versionArguments());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !printed.contains("v" + recipe.version())) {
                throw new ControlPlaneException("verify " + recipe.name(), "expected version v" + recipe.version() + " but it printed: " + printed);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("verify " + recipe.name(), "interrupted", e);
        }
    }

    /** The name of the cache directory: the program's version, Go's version, platform, and a hash of the recipe. */
    public String key() {
        List<String> env = new GoTool(go, Writer.nullWriter()).run("find Go", Path.of(System.getProperty("java.io.tmpdir")),
                List.of("env", "GOVERSION", "GOOS", "GOARCH"));
        if (env.size() < 3) {
            throw new ControlPlaneException("find Go", "`go env` printed " + env);
        }
        return recipe.name() + "-" + recipe.version() + "_" + env.get(0).strip() + "_" + env.get(1).strip() + "-" + env.get(2).strip()
                + "_" + recipeHash().substring(0, 12);
    }

    private void build(String key, Path target) throws IOException {
        Path work = Files.createTempDirectory(cacheDir, ".build-" + key + "-");
        try (Writer log = new OutputStreamWriter(Files.newOutputStream(cacheDir.resolve("build-" + key + ".log")), StandardCharsets.UTF_8)) {
            Path module = Files.createDirectories(work.resolve("module"));
            for (String file : RECIPE_FILES) {
                Files.write(module.resolve(file), recipeFile(file));
            }
            Path out = Files.createDirectories(work.resolve("bin"));
            new GoTool(go, log).run("build " + recipe, module,
                    List.of("build", "-trimpath", "-ldflags", LDFLAGS, "-o", out.resolve(recipe.name()).toString(), recipe.goPackage()));
            verify(recipe, out.resolve(recipe.name()));
            Files.writeString(out.resolve(READY), key + "\n");
            BinaryCache.deleteTree(target); // only a build that died midway can be there: the lock is held
            Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            BinaryCache.deleteTree(work);
        }
    }

    String recipeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((recipe.goPackage() + " " + LDFLAGS).getBytes(StandardCharsets.UTF_8));
            for (String file : RECIPE_FILES) {
                digest.update(recipeFile(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] recipeFile(String file) {
        String resource = recipe.recipeDirectory() + "/" + file;
        try (InputStream in = recipe.anchor().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + recipe.anchor());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
