package dev.capstan.localcluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One running component of the control plane (etcd, kube-apiserver, ...). It runs under
 * {@code guard.sh} as the leader of its own process group, its output goes to {@code <name>.log}
 * in the run directory, and the group ends when this JVM ends.
 */
final class ComponentProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ComponentProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ComponentProcess start(String name, Path guard, Path executable, List<String> args, Path runDir) {
        Path log = runDir.resolve(name + ".log");
        var command = new ArrayList<String>(List.of("setsid", "sh", guard.toString(), executable.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            // Standard input stays open and unused: its end of file tells the guard that this JVM is gone.
            return new ComponentProcess(name, process, log);
        } catch (IOException e) {
            throw ControlPlaneException.withLog("start " + name, "cannot run " + executable + ": " + e.getMessage(), log, e);
        }
    }

    String name() {
        return name;
    }

    /** The process-group id, which is the guard's pid since setsid made it a group leader. */
    long pgid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Fails {@code step} with this component's log when it has exited. */
    void checkAlive(String step) {
        if (!process.isAlive()) {
            throw ControlPlaneException.withLog(step, name + " exited with code " + process.exitValue(), log, null);
        }
    }

    /** Closes the guard's pipe and signals the group; returns once every process of it is gone. */
    void stop(Duration grace) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe is gone with the process
        }
        Processes.stopGroup(pgid(), grace);
    }
}
