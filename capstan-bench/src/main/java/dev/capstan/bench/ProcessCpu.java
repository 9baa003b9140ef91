package dev.capstan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat. */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    static double seconds(long pid) {
        try {
            return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds per thread group of a process: each live thread's time from
     * /proc/PID/task/TID/stat, summed by its name with digits dropped ("C2 CompilerThre#",
     * "vert.x-eventloop-thread-#"). A thread that ended takes its time with it, so the groups
     * need not add up to {@link #seconds}.
     */
    static Map<String, Double> byThread(long pid) {
        Map<String, Double> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    groups.merge(name, cpuSeconds(stat), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    /** User plus system time in a {@code stat} line of /proc (fields 14 and 15, after the name in parentheses). */
    private static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Per group, what {@code after} adds to {@code before}, largest first, groups under 0.02 s left out. */
    static String difference(Map<String, Double> before, Map<String, Double> after) {
        var text = new StringBuilder();
        after.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0.0)))
                .filter(entry -> entry.getValue() >= 0.02)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> text.append(text.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", entry.getValue())));
        return text.toString();
    }

    static double self() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }
}
