package dev.capstan.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.capstan.engine.SyncStatus;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.diff.ClusterDiff;
import dev.capstan.engine.diff.ResourceComparer;
import dev.capstan.engine.diff.ResourceDiff;
import dev.capstan.engine.sync.Hooks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare a directory of manifests with the cluster, as the server would apply them "
                + "(server-side dry run), and show what differs. Secret values are masked.",
                "Exit codes: 0 no difference, 1 differences, 2 error."})
final class DiffCommand implements Callable<Integer> {

    static final int DIFFERENCES = 1;
    static final int ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApplicationOptions application;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (LocalApplication local = application.open(err)) {
            var diff = new ClusterDiff(local.cluster, new ResourceComparer(List.of()), ApplyOptions.defaults(), 16);
            var resources = local.desired.stream().filter(manifest -> !Hooks.isHook(manifest)).toList();
            return print(out, diff.diff(resources, local.tracked().keySet()));
        } catch (RuntimeException e) {
            err.println("capstan diff: " + e.getMessage());
            err.flush();
            return ERROR;
        }
    }

    /** Prints each differing object's unified diff and a summary; returns the exit code (0 none, 1 differences). */
    static int print(PrintWriter out, List<ResourceDiff> results) {
        for (ResourceDiff result : results) {
            if (result.differs()) {
                out.println("===== " + result.key() + " (" + result.status().display() + ")");
                if (!result.problem().isEmpty()) {
                    out.println("problem: " + result.problem());
                }
                out.print(result.unifiedDiff());
            }
        }
        Map<SyncStatus, Long> counts = results.stream()
                .collect(Collectors.groupingBy(ResourceDiff::status, Collectors.counting()));
        out.println(summary(results.size(), counts));
        out.flush();
        return results.stream().anyMatch(ResourceDiff::differs) ? DIFFERENCES : 0;
    }

    private static String summary(int total, Map<SyncStatus, Long> counts) {
        Function<SyncStatus, Long> count = status -> counts.getOrDefault(status, 0L);
        return "%d resources: %d synced, %d out of sync, %d missing, %d to prune".formatted(total,
                count.apply(SyncStatus.SYNCED), count.apply(SyncStatus.OUT_OF_SYNC), count.apply(SyncStatus.MISSING),
                count.apply(SyncStatus.REQUIRES_PRUNING));
    }
}
