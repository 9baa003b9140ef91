package dev.capstan.localcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the {@code go} command for the binary build: static binaries, the installed toolchain only
 * (a {@code go} line newer than it fails clearly instead of fetching a toolchain), and the
 * wrapper module's committed {@code go.sum} as the source of truth. Public for the other tools
 * Capstan builds from Go modules the same way (kustomize); failures are {@link ControlPlaneException}s
 * naming the step.
 */
public final class GoTool {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "CGO_ENABLED", "0",
            "GOTOOLCHAIN", "local",
            "GOFLAGS", "-mod=readonly",
            "GOWORK", "off");

    private final String executable;
    private final Writer log;

    public GoTool(String executable, Writer log) {
        this.executable = executable;
        this.log = log;
    }

    /** Runs {@code go args...} in {@code dir}; each output line goes to the log and to {@code onLine}. */
    public List<String> run(String step, Path dir, List<String> args, Consumer<String> onLine) {
        var command = new ArrayList<String>();
        command.add(executable);
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(ENVIRONMENT);
        var output = new ArrayList<String>();
        try {
            write("$ " + String.join(" ", command) + "\n");
            Process process = builder.start();
            process.getOutputStream().close();
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    write(line + "\n");
                    onLine.accept(line);
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new ControlPlaneException(step, "`go " + String.join(" ", args) + "` exited with " + exit
                        + hint(output), LogTail.of(output, 25), null);
            }
            return output;
        } catch (IOException e) {
            throw new ControlPlaneException(step, "cannot run " + executable + ": " + e.getMessage()
                    + " (install Go 1.26 and put `go` on PATH, or set CAPSTAN_GO)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(step, "interrupted", e);
        }
    }

    public List<String> run(String step, Path dir, List<String> args) {
        return run(step, dir, args, line -> { });
    }

    private void write(String text) throws IOException {
        log.write(text);
        log.flush();
    }

    private static String hint(List<String> output) {
        String all = String.join("\n", output);
        if (all.contains("403") || all.contains("not available") || all.contains("unknown revision")) {
            return " (a module version is not served by the Go module proxy; `go list -m -versions MODULE` shows what is)";
        }
        if (all.contains("requires go >=") || all.contains("toolchain")) {
            return " (a module needs a newer Go than the installed one; pin a release whose go line it can build)";
        }
        if (all.contains("missing go.sum entry") || all.contains("updates to go.mod needed")) {
            return " (the committed go.mod/go.sum of the recipe are incomplete; regenerate them as docs/testing.md says)";
        }
        return "";
    }
}
