package dev.capstan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.localcluster.BinaryCache;
import dev.capstan.localcluster.BuildProgress;
import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.LocalControlPlane;

/**
 * Benchmark (a): cold sync of a 1,000-object application, Capstan against {@code kubectl apply
 * --server-side} and the floor (a tight server-side-apply loop), interleaved repetition by
 * repetition on one local control plane; then an unchanged re-sync. Prints a JSON line per run
 * and a summary of medians and ratios.
 *
 * <p>Usage: {@code java -jar capstan-bench.jar [repetitions]} (default 5, after one warm-up each).
 */
public final class SyncBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        var binaries = BinaryCache.fromEnvironment().ensureBuilt(BuildProgress.silent());
        Path runDir = CapstanHome.fromEnvironment().runs().resolve("bench-" + ProcessHandle.current().pid());
        try (LocalControlPlane controlPlane = LocalControlPlane.start(binaries, runDir);
             KubernetesClient client = controlPlane.newClient()) {
            long apiServer = controlPlane.componentPid("kube-apiserver").orElseThrow();
            Path work = Files.createTempDirectory("capstan-bench");
            List<Tool> tools = new ArrayList<>(List.of(new FloorTool(client),
                    new KubectlTool(binaries.kubectl(), controlPlane.kubeconfig())));
            tools.addAll(CapstanTools.cold(controlPlane));
            var results = new ArrayList<Measurement>();
            for (int rep = 0; rep <= repetitions; rep++) {
                for (Tool tool : tools) {
                    String run = "r" + rep + "-" + tool.name();
                    Measurement measurement = measure(client, apiServer, tool, new ObjectMix(run), work.resolve(run), rep);
                    if (rep > 0) {
                        results.add(measurement);
                        System.out.println(measurement.json());
                    }
                    if (tool instanceof ResyncableTool resyncable) {
                        Measurement resync = measureResync(apiServer, resyncable, new ObjectMix(run), work.resolve(run), rep);
                        if (rep > 0) {
                            results.add(resync);
                            System.out.println(resync.json());
                        }
                    }
                }
            }
            System.out.println(summary(results, repetitions));
        }
    }

    private static Measurement measure(KubernetesClient client, long apiServer, Tool tool, ObjectMix mix, Path files,
                                       int rep) throws Exception {
        mix.writeTo(files);
        tool.prepare(mix, files);
        try (var watch = new ArrivalWatch(client, mix.run(), ObjectMix.TOTAL)) {
            double apiCpu = ProcessCpu.seconds(apiServer);
            double selfCpu = ProcessCpu.self();
            long start = System.nanoTime();
            tool.apply(mix, files);
            long returned = System.nanoTime();
            long last = watch.awaitAll(TIMEOUT);
            return new Measurement("cold-sync-1000", tool.name(), rep, (Math.max(last, returned) - start) / 1e9,
                    (returned - start) / 1e9, ProcessCpu.seconds(apiServer) - apiCpu, ProcessCpu.self() - selfCpu,
                    tool.writes());
        }
    }

    private static Measurement measureResync(long apiServer, ResyncableTool tool, ObjectMix mix, Path files, int rep)
            throws Exception {
        double apiCpu = ProcessCpu.seconds(apiServer);
        double selfCpu = ProcessCpu.self();
        long start = System.nanoTime();
        tool.resync(mix, files);
        long done = System.nanoTime();
        return new Measurement("resync-unchanged-1000", tool.name(), rep, (done - start) / 1e9, (done - start) / 1e9,
                ProcessCpu.seconds(apiServer) - apiCpu, ProcessCpu.self() - selfCpu, tool.writes());
    }

    static String summary(List<Measurement> results, int repetitions) {
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Measurement> sample = new LinkedHashMap<>();
        results.stream().map(m -> m.scenario() + "|" + m.tool()).distinct().forEach(key -> {
            double[] walls = results.stream().filter(m -> (m.scenario() + "|" + m.tool()).equals(key))
                    .mapToDouble(Measurement::wallSeconds).sorted().toArray();
            medians.put(key, median(walls));
            sample.put(key, results.stream().filter(m -> (m.scenario() + "|" + m.tool()).equals(key)).findFirst().orElseThrow());
        });
        var text = new StringBuilder("\n| scenario | tool | median wall (s) | writes | ratio to floor | ratio to kubectl |\n");
        text.append("| --- | --- | --- | --- | --- | --- |\n");
        Double floor = medians.get("cold-sync-1000|floor");
        Double kubectl = medians.get("cold-sync-1000|kubectl");
        medians.forEach((key, median) -> {
            String[] parts = key.split("\\|");
            text.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %d | %s | %s |%n", parts[0], parts[1], median,
                    sample.get(key).writes(), ratio(median, floor), ratio(median, kubectl)));
        });
        text.append(String.format(Locale.ROOT, "%nmedians of %d repetitions after one warm-up each; wall = start to the last object "
                + "seen on a watch (re-sync: start to return)%n", repetitions));
        return text.toString();
    }

    private static String ratio(double value, Double base) {
        return base == null || base == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value / base);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
