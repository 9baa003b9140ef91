package dev.capstan.render.kustomize;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code kustomize build} of a directory in a private copy of the source: files may be loaded
 * only from inside each kustomization's directory, plugins, Helm and exec functions are off, and
 * without remote bases the process gets no PATH (so no {@code git}) and a proxy that refuses
 * every connection. It is stopped when it runs past its time or prints more than the limit, and
 * its error message is given with paths relative to the source root.
 */
final class KustomizeRun {

    /** How much of kustomize's error output is kept: its message is a line or a few. */
    static final int MAX_ERROR_BYTES = 16 * 1024;
    private static final String NO_PROXY_REACHABLE = "http://127.0.0.1:9";

    private KustomizeRun() {
    }

    /**
     * The YAML that {@code kustomize build} prints for {@code app} in {@code sourceRoot}.
     *
     * @param origin where errors are said to be: the application's kustomization
     * @throws RenderException {@code TOOL_FAILED} with kustomize's message, {@code TIMEOUT}, {@code TOO_LARGE}
     */
    static byte[] build(Path executable, Path sourceRoot, String app, boolean allowRemoteBases, Duration timeout,
                        RenderLimits limits, Origin origin) {
        Path dir = app.equals(".") ? sourceRoot : sourceRoot.resolve(app);
        var builder = new ProcessBuilder(executable.toString(), "build", dir.toString(),
                "--load-restrictor", "LoadRestrictionsRootOnly")
                .directory(sourceRoot.toFile());
        if (!allowRemoteBases) {
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", "");
            environment.put("HOME", sourceRoot.getParent().toString());
            for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")) {
                environment.put(proxy, NO_PROXY_REACHABLE);
            }
        }
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new RenderException(Reason.IO, origin, "cannot run kustomize: " + e.getMessage(), e);
        }
        long maxOutput = limits.maxTotalBytes();
        var overLimit = new AtomicBoolean();
        var output = new ByteArrayOutputStream();
        var errors = new ByteArrayOutputStream();
        Thread outputReader = Thread.ofVirtual().start(() -> {
            if (!copy(process.getInputStream(), output, maxOutput)) {
                overLimit.set(true);
                stop(process);
            }
        });
        Thread errorReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), errors, MAX_ERROR_BYTES));
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                stop(process);
                throw new RenderException(Reason.TIMEOUT, origin, "kustomize build did not finish within "
                        + describe(timeout) + " and was stopped");
            }
            outputReader.join();
            errorReader.join();
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new RenderException(Reason.IO, origin, "interrupted while kustomize was running", e);
        }
        if (overLimit.get()) {
            throw new RenderException(Reason.TOO_LARGE, origin, "kustomize printed more than the limit of "
                    + RenderLimits.describeBytes(maxOutput));
        }
        if (process.exitValue() != 0) {
            String message = message(errors.toString(StandardCharsets.UTF_8), sourceRoot);
            throw new RenderException(Reason.TOOL_FAILED, origin, "kustomize build failed: "
                    + (message.isEmpty() ? "it exited with " + process.exitValue() : message));
        }
        return output.toByteArray();
    }

    /**
     * Kustomize's error output as the user should read it: without its {@code Error: } prefix
     * and with the private copy's path taken out, so paths are relative to the source root.
     */
    static String message(String stderr, Path sourceRoot) {
        String root = sourceRoot.toString();
        String text = stderr.replace(root + "/", "").replace(root, ".").replace(sourceRoot.getParent().toString(), "<temporary>").strip();
        return text.startsWith("Error: ") ? text.substring("Error: ".length()) : text;
    }

    /** Copies at most {@code max} bytes; false when there was more. */
    private static boolean copy(InputStream in, ByteArrayOutputStream out, long max) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() + (long) read > max) {
                    out.write(buffer, 0, (int) Math.max(0, max - out.size()));
                    return false;
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // the process was stopped; what was read is all there is
        }
        return true;
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}
