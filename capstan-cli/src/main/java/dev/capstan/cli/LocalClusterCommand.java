package dev.capstan.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.capstan.localcluster.Binaries;
import dev.capstan.localcluster.BinaryCache;
import dev.capstan.localcluster.BuildProgress;
import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.ComponentHealth;
import dev.capstan.localcluster.LocalControlPlane;
import dev.capstan.localcluster.RunState;
import dev.capstan.localcluster.StaleRuns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code capstan cluster local}: a real Kubernetes control plane on this machine's loopback
 * addresses that stays up across invocations until {@code down}. {@code up} builds the binaries
 * in the foreground (with progress) and hands the running control plane to a small background
 * JVM ({@code run}), which owns its processes: when that JVM ends, however it ends, they end too.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "A local Kubernetes control plane (etcd, kube-apiserver, controller manager, scheduler, kwok) on loopback.")
final class LocalClusterCommand {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterCommand.class);
    private static final String RUN_NAME = "local";
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    private final CapstanHome home = CapstanHome.fromEnvironment();

    @Command(name = "up", description = "Build the binaries if needed (minutes, once), start the control plane in the background, and return when it is ready.")
    int up() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<RunState> running = liveState();
        if (running.isPresent() && running.get().phase().equals("ready")) {
            out.println("The local control plane is already running.");
            printSummary(out, running.get());
            return 0;
        }
        if (running.isPresent()) {
            throw new UserError("a local control plane is " + running.get().phase() + " (process "
                    + running.get().ownerPid() + "); wait for it, or run `capstan cluster local down`");
        }
        if (System.console() != null) {
            try (var progress = new ProgressBarBuildProgress()) {
                BinaryCache.fromEnvironment().ensureBuilt(progress);
            }
        } else {
            BinaryCache.fromEnvironment().ensureBuilt(BuildProgress.lines(line -> {
                out.println(line);
                out.flush();
            }));
        }
        out.println("Starting the local control plane...");
        out.flush();
        Process daemon = startDaemon();
        RunState ready = awaitReady(daemon);
        out.println("The local control plane is up.");
        printSummary(out, ready);
        return 0;
    }

    @Command(name = "down", description = "Stop the local control plane and every process of it.")
    int down() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<RunState> recorded = RunState.read(runDir());
        if (recorded.isEmpty()) {
            StaleRuns.reap(home.runs());
            out.println("No local control plane is running.");
            return 0;
        }
        RunState state = recorded.get();
        if (state.ownerAlive()) {
            state.stopOwner(DOWN_TIMEOUT);
        }
        StaleRuns.reap(home.runs());
        List<String> left = state.components().entrySet().stream()
                .filter(component -> state.componentAlive(component.getValue()))
                .map(component -> component.getKey() + " (process group " + component.getValue() + ")")
                .toList();
        if (!left.isEmpty()) {
            throw new UserError("these processes are still running: " + String.join(", ", left));
        }
        out.println("The local control plane is stopped; no process of it is left.");
        return 0;
    }

    @Command(name = "status", description = "Say what runs, on which ports, and how healthy it is. Exits 1 when not running or unhealthy.")
    int status() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<RunState> running = liveState();
        if (running.isEmpty()) {
            out.println("The local control plane is not running. Start it with: ./capstan cluster local up");
            return 1;
        }
        RunState state = running.get();
        List<ComponentHealth> components = ComponentHealth.check(state);
        boolean healthy = !components.isEmpty() && components.stream().allMatch(ComponentHealth::healthy);
        out.printf("local control plane: %s (owner process %d, %s)%n",
                healthy ? "healthy" : "NOT healthy", state.ownerPid(), state.phase());
        state.kubeconfig().ifPresent(path -> out.println("kubeconfig: " + path));
        out.printf("%-24s %-8s %-7s %s%n", "COMPONENT", "PID", "PORT", "STATE");
        for (ComponentHealth component : components) {
            out.printf("%-24s %-8d %-7s %s%n", component.name(), component.processGroup(),
                    component.port().map(String::valueOf).orElse("-"),
                    !component.running() ? "stopped" : component.healthy() ? "healthy" : "running, not healthy");
        }
        return healthy ? 0 : 1;
    }

    @Command(name = "kubeconfig", description = "Print the path of the admin kubeconfig of the running local control plane.")
    int kubeconfig() {
        Path path = liveState().flatMap(RunState::kubeconfig)
                .orElseThrow(() -> new UserError("the local control plane is not running; start it with: ./capstan cluster local up"));
        spec.commandLine().getOut().println(path);
        return 0;
    }

    @Command(name = "run", hidden = true, description = "Run the control plane in the foreground until it is stopped (used by up).")
    int run() {
        Binaries binaries = BinaryCache.fromEnvironment().find()
                .orElseThrow(() -> new UserError("the control-plane binaries are not built; run `capstan cluster local up`"));
        try (LocalControlPlane controlPlane = LocalControlPlane.start(binaries, runDir())) {
            LOG.info("local control plane ready at {}", controlPlane.apiServerUrl());
            Optional<String> exited = controlPlane.awaitUnexpectedExit();
            exited.ifPresent(name -> LOG.error("{} exited on its own; stopping the local control plane. Its log ends with:\n{}",
                    name, controlPlane.logTail(name)));
            return exited.isPresent() ? 1 : 0;
        }
    }

    private Path runDir() {
        return home.runs().resolve(RUN_NAME);
    }

    /** The admin kubeconfig of the running local control plane, if one runs. */
    static Optional<Path> runningKubeconfig() {
        return RunState.read(CapstanHome.fromEnvironment().runs().resolve(RUN_NAME)).filter(RunState::ownerAlive)
                .flatMap(RunState::kubeconfig);
    }

    private Path daemonLog() {
        return home.runs().resolve(RUN_NAME + ".log");
    }

    private Optional<RunState> liveState() {
        return RunState.read(runDir()).filter(RunState::ownerAlive);
    }

    private Process startDaemon() {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new UserError("cannot tell which java runs this program"));
        var command = new ArrayList<>(List.of("setsid", java, "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", absoluteClassPath(), Main.class.getName(), "cluster", "local", "run"));
        try {
            Files.createDirectories(home.runs());
            var builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(daemonLog().toFile());
            builder.environment().put("CAPSTAN_LOG_LEVEL", "INFO");
            return builder.start();
        } catch (IOException e) {
            throw new UserError("cannot start the background process: " + e.getMessage());
        }
    }

    private static String absoluteClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private RunState awaitReady(Process daemon) {
        Instant deadline = Instant.now().plus(UP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<RunState> state = RunState.read(runDir()).filter(s -> s.ownerPid() == daemon.pid());
            if (state.isPresent() && state.get().phase().equals("ready")) {
                return state.get();
            }
            if (!daemon.isAlive()) {
                throw new UserError("the local control plane did not start; its log " + daemonLog() + " ends with:\n"
                        + tail(daemonLog()));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            }
        }
        daemon.destroy();
        throw new UserError("the local control plane was not ready after " + UP_TIMEOUT.toMinutes()
                + " minutes; its log " + daemonLog() + " ends with:\n" + tail(daemonLog()));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static void printSummary(PrintWriter out, RunState state) {
        state.port("kube-apiserver").ifPresent(port -> out.println("API server: https://127.0.0.1:" + port));
        state.kubeconfig().ifPresent(path -> {
            out.println("kubeconfig: " + path);
            out.println("Try:        kubectl --kubeconfig \"$(./capstan cluster local kubeconfig)\" get nodes");
        });
        out.println("Stop it:    ./capstan cluster local down");
    }
}
