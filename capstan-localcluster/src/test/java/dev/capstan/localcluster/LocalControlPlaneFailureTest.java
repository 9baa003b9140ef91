package dev.capstan.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start failures, driven by a stand-in etcd: the error names the step and shows the log. */
class LocalControlPlaneFailureTest {

    @TempDir
    Path dir;

    @Test
    void a_dying_etcd_fails_its_start_step_with_the_tail_of_its_log() {
        FakeExecutables.script(dir.resolve("bin"), "etcd", """
                echo "etcd starting"
                echo "fatal: member data is corrupt" >&2
                exit 3""");

        assertThatThrownBy(() -> LocalControlPlane.start(new Binaries(dir.resolve("bin")), dir.resolve("runs/one")))
                .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                    assertThat(e.step()).isEqualTo("start etcd");
                    assertThat(e.getMessage()).contains("etcd exited with code 3");
                    assertThat(e.logTail()).contains("etcd starting", "fatal: member data is corrupt");
                });
    }

    @Test
    void a_port_taken_by_another_process_is_retried_with_other_ports_then_reported() throws Exception {
        Path attempts = dir.resolve("attempts");
        FakeExecutables.script(dir.resolve("bin"), "etcd", """
                echo attempt >> %s
                echo "listen tcp 127.0.0.1:2379: bind: address already in use"
                exit 1""".formatted(attempts));

        assertThatThrownBy(() -> LocalControlPlane.start(new Binaries(dir.resolve("bin")), dir.resolve("runs/one")))
                .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                    assertThat(e.step()).isEqualTo("start etcd");
                    assertThat(e.logTail()).contains("address already in use");
                });
        assertThat(Files.readAllLines(attempts)).hasSize(3);
    }
}
