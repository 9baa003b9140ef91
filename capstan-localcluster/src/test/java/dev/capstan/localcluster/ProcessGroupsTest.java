package dev.capstan.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard ends a component's whole process group when its owner goes, and stale runs are reaped. */
class ProcessGroupsTest {

    @TempDir
    Path dir;

    @Test
    void a_component_and_its_children_end_when_the_owners_pipe_closes() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("run"));
        Path guard = runDir.resolve("guard.sh");
        try (var in = LocalControlPlane.class.getResourceAsStream("guard.sh")) {
            Files.write(guard, in.readAllBytes());
        }
        // A component that starts a child of its own, as servers do.
        Path component = FakeExecutables.script(runDir, "component", "sleep 300 & sleep 300");
        var process = ComponentProcess.start("component", guard, component, List.of(), runDir);
        long group = process.pgid();
        awaitMembers(group, 4);

        // What the kernel does when the owning JVM dies, however it dies: its end of the pipe closes.
        process.process().getOutputStream().close();

        assertThat(Processes.awaitGroupGone(group, Duration.ofSeconds(15))).isTrue();
    }

    @Test
    void a_run_whose_owner_is_gone_is_stopped_and_removed_at_the_next_start() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path orphan = Files.createDirectories(runs.resolve("orphan"));
        Process leftover = new ProcessBuilder("setsid", "sh", "-c", "sleep 300", orphan.resolve("etcd").toString()).start();
        long deadOwner = new ProcessBuilder("true").start().onExit().get().pid();
        Files.writeString(orphan.resolve(RunState.FILE), "owner.pid=" + deadOwner + "\netcd.pgid=" + leftover.pid() + "\n");
        Path live = Files.createDirectories(runs.resolve("live"));
        RunState.ownedByThisProcess(live).write();

        List<Path> reaped = StaleRuns.reap(runs);

        assertThat(reaped).containsExactly(orphan);
        assertThat(Processes.awaitGroupGone(leftover.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(orphan).doesNotExist();
        assertThat(live).isDirectory();
    }

    private static void awaitMembers(long group, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Processes.groupMembers(group).size() < count && System.nanoTime() < deadline) {
            Processes.pause(Duration.ofMillis(50));
        }
        assertThat(Processes.groupMembers(group)).hasSizeGreaterThanOrEqualTo(count);
    }
}
