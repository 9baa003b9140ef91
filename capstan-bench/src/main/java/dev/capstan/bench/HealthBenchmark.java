package dev.capstan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.health.HealthAssessment;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.health.LuaHealthScripts;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark (f): health assessment of 10,000 live objects of 17 kinds, in process, no cluster.
 * Three tools judge (or read) the same objects, interleaved round by round:
 * <ul>
 *   <li><b>floor</b>: a walk over every field of every object, the unavoidable cost of reading
 *       each object once;</li>
 *   <li><b>peer</b>: the same verdicts the way Argo CD computes them for custom resources, by Lua
 *       scripts in {@code argocd-cm}'s format ({@code health-bench/argocd-cm.yaml}), one per kind,
 *       run in Capstan's Lua sandbox (luaj, a fresh environment per object, as Argo CD's
 *       gopher-lua takes a fresh state per object);</li>
 *   <li><b>capstan</b>: {@link HealthAssessor#builtIn()}: built-in Java checks, the CEL rule
 *       library and the generic fallback.</li>
 * </ul>
 * Prints a JSON line per measured round and tool, how often peer and Capstan agree on the
 * status, and the medians with their ratios.
 *
 * <p>Usage: {@code ./bench health [objects] [rounds]} (10,000 and 15, after 5 warm-up rounds).
 */
final class HealthBenchmark {

    private static final int WARM_UP = 5;

    private HealthBenchmark() {
    }

    static void run(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<Manifest> objects = HealthObjects.mix(count);
        HealthAssessor capstan = HealthAssessor.builtIn();
        LuaHealthScripts scripts = LuaHealthScripts.fromConfigMapData(peerScripts(), "bench-argocd-cm");
        if (!scripts.problems().isEmpty()) {
            throw new IllegalStateException("the peer's Lua scripts: " + scripts.problems());
        }
        HealthAssessor peer = HealthAssessor.builtIn().withLua(scripts);
        System.out.println(agreement(objects, capstan, peer));

        Map<String, ToLongFunction<Manifest>> tools = new LinkedHashMap<>();
        tools.put("floor", HealthBenchmark::walk);
        tools.put("peer", object -> peer.assess(object).status().ordinal());
        tools.put("capstan", object -> capstan.assess(object).status().ordinal());
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        long sink = 0;
        for (int round = 0; round < WARM_UP + rounds; round++) {
            for (var tool : tools.entrySet()) {
                long start = System.nanoTime();
                for (Manifest object : objects) {
                    sink += tool.getValue().applyAsLong(object);
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (round >= WARM_UP) {
                    seconds.computeIfAbsent(tool.getKey(), name -> new ArrayList<>()).add(elapsed);
                    System.out.println(JsonLine.of("health-" + count, tool.getKey()).add("round", round - WARM_UP + 1)
                            .add("seconds", elapsed).add("microsecondsPerObject", elapsed * 1e6 / count));
                }
            }
        }
        System.out.println(summary(seconds, count, rounds, sink));
    }

    /** Every field of the object, read once: what any health check must at least pay. */
    static long walk(Manifest object) {
        return walk(object.at(""));
    }

    private static long walk(JsonNode node) {
        if (node.isObject()) {
            long sum = node.size();
            for (var entry : node.properties()) {
                sum += entry.getKey().length() + walk(entry.getValue());
            }
            return sum;
        }
        if (node.isArray()) {
            long sum = node.size();
            for (JsonNode element : node) {
                sum += walk(element);
            }
            return sum;
        }
        return node.isString() ? node.asString().length() : node.isNumber() ? node.longValue() : node.isBoolean() ? 1 : 0;
    }

    /** How many objects Capstan and the peer put in the same status, and where they differ, by kind. */
    private static String agreement(List<Manifest> objects, HealthAssessor capstan, HealthAssessor peer) {
        int same = 0;
        Map<String, Integer> differences = new TreeMap<>();
        Map<HealthStatus, Integer> statuses = new TreeMap<>();
        for (Manifest object : objects) {
            HealthAssessment ours = capstan.assess(object);
            HealthAssessment theirs = peer.assess(object);
            statuses.merge(ours.status(), 1, Integer::sum);
            if (!theirs.decidedBy().startsWith("lua:")) {
                throw new IllegalStateException("the peer has no Lua script for " + object.key() + ": " + theirs);
            }
            if (ours.status() == theirs.status()) {
                same++;
            } else {
                differences.merge(object.groupKind() + " " + ours.status() + "/" + theirs.status(), 1, Integer::sum);
            }
        }
        return JsonLine.of("health-" + objects.size(), "agreement").add("kinds", HealthObjects.kinds()).add("objects", objects.size())
                .add("sameStatus", same).add("capstanStatuses", toLongs(statuses)).add("differences (capstan/peer)", toLongs(differences))
                .toString();
    }

    private static <K> Map<String, Long> toLongs(Map<K, Integer> counts) {
        Map<String, Long> longs = new LinkedHashMap<>();
        counts.forEach((key, value) -> longs.put(String.valueOf(key), value.longValue()));
        return longs;
    }

    private static String summary(Map<String, List<Double>> seconds, int count, int rounds, long sink) {
        Map<String, Double> medians = new LinkedHashMap<>();
        seconds.forEach((tool, values) -> medians.put(tool, median(values)));
        var text = new StringBuilder(String.format(Locale.ROOT,
                "%n| scenario | tool | median per %,d objects | per object | ratio to floor | ratio to peer |%n", count));
        text.append("| --- | --- | --- | --- | --- | --- |\n");
        medians.forEach((tool, median) -> text.append(String.format(Locale.ROOT, "| health, %,d objects, %d kinds | %s | %.1f ms | %.2f us | %s | %s |%n",
                count, HealthObjects.kinds(), tool, median * 1e3, median * 1e6 / count, Percentiles.ratio(median, medians.get("floor")),
                Percentiles.ratio(median, medians.get("peer")))));
        text.append(String.format(Locale.ROOT, "%nmedians of %d rounds after %d warm-up rounds, one thread (checksum %d)%n", rounds, WARM_UP, sink));
        return text.toString();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, String> peerScripts() {
        try (InputStream in = HealthBenchmark.class.getResourceAsStream("/health-bench/argocd-cm.yaml")) {
            JsonNode data = ManifestFormat.YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> scripts = new TreeMap<>();
            data.properties().forEach(entry -> scripts.put(entry.getKey(), entry.getValue().asString()));
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
