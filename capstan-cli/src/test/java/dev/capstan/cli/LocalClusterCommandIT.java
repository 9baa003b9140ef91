package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.capstan.localcluster.Binaries;
import dev.capstan.localcluster.BinaryCache;
import dev.capstan.localcluster.BuildProgress;
import dev.capstan.localcluster.CapstanHome;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capstan cluster local} as a user runs it: the runnable jar in a separate process, with
 * its own Capstan home (the binary cache is shared, so nothing is rebuilt).
 */
class LocalClusterCommandIT {

    private static final Path JAR = Path.of("target", "capstan.jar");
    private static Binaries binaries;

    @TempDir
    Path home;

    record Result(int exit, String output) {
    }

    @BeforeAll
    static void buildBinaries() {
        binaries = BinaryCache.fromEnvironment().ensureBuilt(BuildProgress.silent());
        assertThat(JAR).as("the runnable jar, built in the package phase").isRegularFile();
    }

    @AfterEach
    void stopWhateverIsLeft() throws Exception {
        capstan("cluster", "local", "down");
    }

    @Test
    void up_starts_a_cluster_that_kubectl_reaches_and_down_leaves_no_process() throws Exception {
        Result up = capstan("cluster", "local", "up");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("The local control plane is up.", "kubeconfig: ");

        Result status = capstan("cluster", "local", "status");
        assertThat(status.exit()).as(status.output()).isZero();
        for (String component : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok")) {
            assertThat(status.output()).containsPattern("(?m)^" + component + " +\\d+ +\\S+ +healthy$");
        }

        String kubeconfig = capstan("cluster", "local", "kubeconfig").output().strip();
        Result nodes = run(List.of(binaries.kubectl().toString(), "--kubeconfig", kubeconfig, "get", "nodes", "-o", "name"));
        assertThat(nodes.output()).contains("node/kwok-node-0");

        assertThat(capstan("cluster", "local", "up").output()).contains("already running");
        assertThat(processesOfThisHome()).isNotEmpty();

        Result down = capstan("cluster", "local", "down");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(down.output()).contains("no process of it is left");
        assertThat(processesOfThisHome()).isEmpty();
        assertThat(capstan("cluster", "local", "status").exit()).isEqualTo(1);
        assertThat(capstan("cluster", "local", "kubeconfig").output()).contains("not running");
    }

    @Test
    void killing_the_owning_process_ends_every_process_of_the_cluster() throws Exception {
        assertThat(capstan("cluster", "local", "up").exit()).isZero();
        long owner = Long.parseLong(Files.readAllLines(home.resolve("run/local/state.properties")).stream()
                .filter(line -> line.startsWith("owner.pid=")).findFirst().orElseThrow().substring("owner.pid=".length()));
        assertThat(processesOfThisHome()).hasSizeGreaterThanOrEqualTo(5);

        run(List.of("kill", "-KILL", Long.toString(owner)));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(processesOfThisHome()).isEmpty());
        assertThat(capstan("cluster", "local", "status").output()).contains("not running");
    }

    /** Live processes whose command line mentions this test's Capstan home (every component's does). */
    private List<String> processesOfThisHome() throws IOException {
        String marker = home.toString() + "/";
        var found = new ArrayList<String>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    String state = Files.readString(entry.resolve("stat"));
                    boolean zombie = state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
                    if (!zombie && commandLine.contains(marker)) {
                        found.add(entry.getFileName() + " " + commandLine);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    private Result capstan(String... args) throws Exception {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private Result run(List<String> command) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CAPSTAN_HOME", home.toString());
        builder.environment().put("CAPSTAN_CACHE_DIR", CapstanHome.fromEnvironment().binaryCache().toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
