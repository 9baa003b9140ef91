package dev.capstan.render.kustomize;

import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.ControlPlaneException;
import dev.capstan.localcluster.GoTool;
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
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The kustomize program Capstan renders with: built from Go modules by a pinned recipe (a
 * {@code go.mod} and {@code go.sum} beside this class) and kept in a cache directory by version,
 * Go toolchain and platform, so it is built once per machine and never taken from PATH. A build
 * runs under a file lock, so parallel JVMs build once, and moves into place with a {@code READY}
 * marker, so nobody runs half a build.
 */
public final class KustomizeBinary {

    /** The kustomize release the recipe pins. */
    public static final String VERSION = "5.8.2";

    static final String GO_PACKAGE = "sigs.k8s.io/kustomize/kustomize/v5";
    private static final List<String> RECIPE_FILES = List.of("go.mod", "go.sum");
    private static final String LDFLAGS = "-s -w";
    private static final String READY = "READY";
    /** Names a kustomize program to use instead of building one. */
    public static final String PREBUILT = "CAPSTAN_KUSTOMIZE";
    private static final String EXECUTABLE = "kustomize";
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path cacheDir;
    private final String go;

    /**
     * @param cacheDir where built kustomize programs are kept, one directory per recipe
     * @param goExecutable the {@code go} command to build with
     */
    public KustomizeBinary(Path cacheDir, String goExecutable) {
        this.cacheDir = cacheDir;
        this.go = goExecutable;
    }

    /** The cache in {@code <home>/cache/kustomize}, built with {@code $CAPSTAN_GO} or {@code go} from PATH. */
    public static KustomizeBinary inHome(CapstanHome home) {
        String go = System.getenv("CAPSTAN_GO");
        return new KustomizeBinary(home.root().resolve("cache").resolve("kustomize"), go == null || go.isBlank() ? "go" : go);
    }

    /**
     * The path of the kustomize program: the one {@code $CAPSTAN_KUSTOMIZE} names, checked to be
     * this version, or else the one built from the recipe, built first if the cache does not hold
     * it (about a minute with Go's build cache warm, a few on a fresh machine).
     *
     * @throws IllegalStateException when Go is missing or the build fails, with the build's last lines
     */
    @SuppressWarnings("try") // the file lock is held by the try, not used in it
    public Path ensureBuilt() {
        String prebuilt = System.getenv(PREBUILT);
        if (prebuilt != null && !prebuilt.isBlank()) {
            return prebuilt(Path.of(prebuilt));
        }
        try {
            String key = key();
            Path target = cacheDir.resolve(key);
            if (Files.isRegularFile(target.resolve(READY))) {
                return target.resolve(EXECUTABLE);
            }
            JVM_LOCK.lock();
            try {
                Files.createDirectories(cacheDir);
                try (var lockFile = FileChannel.open(cacheDir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     var lock = lockFile.lock()) {
                    if (!Files.isRegularFile(target.resolve(READY))) {
                        build(key, target);
                    }
                }
            } finally {
                JVM_LOCK.unlock();
            }
            return target.resolve(EXECUTABLE);
        } catch (ControlPlaneException e) {
            throw new IllegalStateException("cannot build kustomize " + VERSION + ": " + e.step() + " failed"
                    + (e.logTail().isBlank() ? ": " + e.getMessage() : "\n" + e.logTail()), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot build kustomize " + VERSION + " in " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A kustomize program built beforehand, as the controller's image holds it (it has no Go):
     * used when it is the version pinned here.
     */
    static Path prebuilt(Path executable) {
        try {
            verify(executable);
            return executable;
        } catch (IOException | ControlPlaneException e) {
            throw new IllegalStateException("$" + PREBUILT + " names " + executable + ", which is not kustomize " + VERSION + ": "
                    + e.getMessage(), e);
        }
    }

    /** The name of the cache directory: kustomize's version, Go's version, platform, and a hash of the recipe. */
    String key() {
        List<String> env = new GoTool(go, Writer.nullWriter()).run("find Go", Path.of(System.getProperty("java.io.tmpdir")),
                List.of("env", "GOVERSION", "GOOS", "GOARCH"));
        if (env.size() < 3) {
            throw new ControlPlaneException("find Go", "`go env` printed " + env);
        }
        return "kustomize-" + VERSION + "_" + env.get(0).strip() + "_" + env.get(1).strip() + "-" + env.get(2).strip()
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
            new GoTool(go, log).run("build kustomize " + VERSION, module,
                    List.of("build", "-trimpath", "-ldflags", LDFLAGS, "-o", out.resolve(EXECUTABLE).toString(), GO_PACKAGE));
            verify(out.resolve(EXECUTABLE));
            Files.writeString(out.resolve(READY), key + "\n");
            PrivateDirectory.deleteTree(target); // only a build that died midway can be there: the lock is held
            Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            PrivateDirectory.deleteTree(work);
        }
    }

    private static void verify(Path executable) throws IOException {
        Process process = new ProcessBuilder(executable.toString(), "version").redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !printed.contains("v" + VERSION)) {
                throw new ControlPlaneException("verify kustomize", "expected version v" + VERSION + " but it printed: " + printed);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("verify kustomize", "interrupted", e);
        }
    }

    static String recipeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((GO_PACKAGE + " " + LDFLAGS).getBytes(StandardCharsets.UTF_8));
            for (String file : RECIPE_FILES) {
                digest.update(recipeFile(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] recipeFile(String file) {
        String resource = "recipe/" + file;
        try (InputStream in = KustomizeBinary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + KustomizeBinary.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
