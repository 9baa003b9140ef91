package dev.capstan.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness's handle on a {@link ControllerProcess}: starts it, asks it for its request
 * counts, and reads its CPU time and RSS from {@code /proc} and its heap after a full GC with
 * {@code jcmd}.
 *
 * <p>The controller's JVM runs as {@code capstan install} deploys it unless
 * {@code CAPSTAN_BENCH_CONTROLLER_JVM} says otherwise: the image's
 * {@code JAVA_TOOL_OPTIONS} ({@code -XX:MaxRAMPercentage=75 -XX:MetaspaceSize=128m -XX:+ExitOnOutOfMemoryError}) in the
 * Deployment's 1 GiB memory limit, which {@code -XX:MaxRAM=1g} stands for here; under 1,792 MB
 * the JVM picks the Serial collector by itself, so it is named. (The {@code ./capstan} launcher's
 * {@code -XX:TieredStopAtLevel=1} suits short commands, not a controller: without C2 the TLS to
 * the API server runs without its intrinsics.)
 */
final class ControllerJvm implements AutoCloseable {

    static final String DEPLOYED_JVM_OPTIONS = "-XX:+UseSerialGC -XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -XX:MetaspaceSize=128m -XX:+ExitOnOutOfMemoryError";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final int webhookPort;
    private final String jvmOptions;

    private ControllerJvm(Process process, String jvmOptions) throws IOException, InterruptedException {
        this.process = process;
        this.jvmOptions = jvmOptions;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("controller-output").start(() -> {
            try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith("@")) {
                        answers.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        String ready = answer("@ready ", Duration.ofMinutes(2));
        this.webhookPort = Integer.parseInt(ready.substring("@ready ".length()).strip());
    }

    static ControllerJvm start(Path kubeconfig, String namespace, Duration pollInterval, int workers, Path cache, String webhookSecret,
                               Path log, String defaultJvmOptions) throws IOException, InterruptedException {
        String jvmOptions = System.getenv().getOrDefault("CAPSTAN_BENCH_CONTROLLER_JVM", defaultJvmOptions).strip();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (!jvmOptions.isEmpty()) {
            command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", ownJar().toString(), ControllerProcess.class.getName(), kubeconfig.toString(), namespace,
                pollInterval.toString(), Integer.toString(workers), cache.toString(), webhookSecret));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            return new ControllerJvm(process, jvmOptions);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static Path ownJar() {
        try {
            return Path.of(ControllerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    int webhookPort() {
        return webhookPort;
    }

    String jvmOptions() {
        return jvmOptions;
    }

    /** CPU seconds (user + system) the controller's JVM used so far, JIT and GC included. */
    double cpuSeconds() {
        return ProcessCpu.seconds(process.pid());
    }

    /** Resident set size now, in bytes. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    /**
     * The heap after a full collection: the bytes of live objects ({@code jcmd GC.class_histogram},
     * which collects first, without the filler arrays a compacting collector leaves in dead space),
     * and the heap in use right after it ({@code GC.heap_info}, fillers included), in bytes.
     */
    record Heap(long live, long used) {
    }

    Heap heapAfterGc() throws IOException, InterruptedException {
        return heapAfterGc(jcmd("GC.class_histogram"));
    }

    Heap heapAfterGc(String histogram) throws IOException, InterruptedException {
        long live = -1;
        long fillers = 0;
        for (String line : histogram.lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && fields[0].equals("Total")) {
                live = Long.parseLong(fields[2]);
            } else if (fields.length >= 4 && fields[3].contains("FillerElement")) {
                fillers += Long.parseLong(fields[2]);
            }
        }
        if (live < 0) {
            throw new IllegalStateException("no total in jcmd GC.class_histogram");
        }
        String info = jcmd("GC.heap_info");
        long usedKb = 0;
        for (String line : info.lines().toList()) {
            // the generations (Serial: DefNew, Tenured) or the whole heap (G1), not their spaces (eden, from, to, the)
            Matcher used = USED.matcher(line);
            if (used.find() && !line.contains(" space ")) {
                usedKb += Long.parseLong(used.group(1));
            }
        }
        return new Heap(live - fillers, usedKb * 1024);
    }

    /** The live objects by class, largest first ({@code jcmd GC.class_histogram}, which collects first). */
    String classHistogram() throws IOException, InterruptedException {
        return jcmd("GC.class_histogram");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(process.pid()), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed:\n" + output);
        }
        return output;
    }

    /** What the controller's client sent so far, by {@code "verb resource"}. */
    synchronized Map<String, Long> requests() throws IOException, InterruptedException {
        String line = ask("requests", "@requests");
        var counts = new TreeMap<String, Long>();
        String body = line.substring("@requests".length()).strip();
        if (!body.isEmpty()) {
            for (String entry : body.split(";")) {
                int equals = entry.lastIndexOf('=');
                counts.put(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
            }
        }
        return counts;
    }

    /** How many objects the controller's live-state cache holds. */
    synchronized int liveObjects() throws IOException, InterruptedException {
        return Integer.parseInt(ask("live", "@live ").substring("@live ".length()).strip());
    }

    private String ask(String command, String prefix) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        return answer(prefix, ANSWER_TIMEOUT);
    }

    private String answer(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the controller JVM did not answer " + prefix.strip() + " within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Override
    public void close() {
        try {
            commands.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
