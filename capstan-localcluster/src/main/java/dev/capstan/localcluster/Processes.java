package dev.capstan.localcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small operations on operating-system processes and process groups that the JDK lacks. */
final class Processes {

    private Processes() {
    }

    /** Runs a short command and returns what it printed; a non-zero exit is a failure of {@code step}. */
    static String output(String step, Path executable, List<String> args) {
        var command = new ArrayList<String>();
        command.add(executable.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new ControlPlaneException(step, executable.getFileName() + " exited with " + exit, text, null);
            }
            return text;
        } catch (IOException e) {
            throw new ControlPlaneException(step, "cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(step, "interrupted", e);
        }
    }

    /** Whether {@code pid} runs; a zombie (exited, not yet reaped by its parent) does not. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && processGroupOf(Path.of("/proc", Long.toString(pid))).isPresent();
    }

    /** Sends a signal to every process of the group {@code pgid}; a group that is gone is no error. */
    static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            throw new ControlPlaneException("signal process group " + pgid, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether any process still belongs to the group {@code pgid} (read from /proc). */
    static boolean groupAlive(long pgid) {
        return !groupMembers(pgid).isEmpty();
    }

    static List<Long> groupMembers(long pgid) {
        var members = new ArrayList<Long>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                processGroupOf(entry).filter(group -> group == pgid).ifPresent(group -> members.add(Long.parseLong(name)));
            }
        } catch (IOException e) {
            // /proc is unreadable: report the group leader alone.
            if (alive(pgid)) {
                members.add(pgid);
            }
        }
        return members;
    }

    private static Optional<Long> processGroupOf(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"));
            // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The command line of a live process, or empty. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** TERM to the group, then KILL to whatever is left after {@code grace}; returns once the group is gone. */
    static void stopGroup(long pgid, Duration grace) {
        if (!groupAlive(pgid)) {
            return;
        }
        signalGroup(pgid, "TERM");
        if (!awaitGroupGone(pgid, grace)) {
            signalGroup(pgid, "KILL");
            awaitGroupGone(pgid, Duration.ofSeconds(5));
        }
    }

    static boolean awaitGroupGone(long pgid, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (groupAlive(pgid)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause(Duration.ofMillis(50));
        }
        return true;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("wait", "interrupted", e);
        }
    }
}
