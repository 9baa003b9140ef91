package dev.capstan.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Benchmark (c): drift to heal inside one application of 1,000 objects ({@link ObjectMix}) that
 * the controller synced with self-heal. Another field manager takes a managed field of a random
 * ConfigMap (server-side apply, forced); the time runs from that write's answer to the corrected
 * value seen on a watch.
 *
 * <p>The floor does the same to ConfigMaps no controller manages and heals them itself, as a
 * perfect watch-driven controller would: it waits for the drift on its watch, restores the value
 * with one server-side apply, and stops the clock when the restored value is seen on the watch.
 *
 * <p>The controller's self-heal guard allows 5 heals of an application per minute before it backs
 * off, so the samples are spaced ({@code spacing}, 13 s by default: at most 5 per minute); the
 * guard's own effect is measured afterwards with a burst of drifts, each made as soon as the one
 * before was healed.
 *
 * <p>Usage: {@code heal [samples] [spacing seconds] [burst] [objects]}, defaults 200, 13, 10, 1000;
 * {@code objects} 20 runs the same on a 20-object application ({@link SmallApp}), to show what
 * grows with the application.
 */
final class HealBenchmark {

    private static final String DRIFTER = "bench-drift";
    private static final String FLOOR_MANAGER = "floor";
    private static final int FLOOR_OBJECTS = 50;
    private static final int WARM_UP = 5;
    private static final Duration HEAL_TIMEOUT = Duration.ofMinutes(5);

    private HealBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration spacing = Duration.ofMillis((long) ((args.length > 1 ? Double.parseDouble(args[1]) : 13) * 1000));
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : ObjectMix.TOTAL;
        String scenario = "drift-heal-" + size;
        try (var rig = ControllerRig.start("heal")) {
            KubernetesClient client = rig.client();
            Target target = size == SmallApp.OBJECTS ? Target.ofSmall() : Target.ofMix();
            if (target.small != null) {
                rig.createNamespaces(List.of(target.small.namespace()));
            }
            var repository = rig.git().create("heal-mix");
            String sha = repository.replaceTree("main", target.files(), size + " objects");
            String floorNamespace = "heal-floor";
            rig.createNamespaces(List.of(floorNamespace));
            for (int i = 0; i < FLOOR_OBJECTS; i++) {
                client.resource(floorConfigMap(floorNamespace, i, "info")).fieldManager(FLOOR_MANAGER).forceConflicts().serverSideApply();
            }
            ControllerJvm controller = rig.startController(Duration.ofMinutes(3), 8);
            System.out.println("controller JVM pid " + controller.pid() + " with " + controller.jvmOptions());
            try (var watch = new ValueWatch(client, ObjectMix.LOG_LEVEL)) {
                rig.createApplication("heal", "heal-mix", "app", target.namespace(0), true, Map.of());
                double coldSync = rig.awaitSynced(List.of("heal"), sha, Duration.ofMinutes(10));
                System.out.println(JsonLine.of("controller-cold-sync-" + size, "capstan").add("wall", coldSync)
                        .add("controllerCpu", controller.cpuSeconds()).add("applicationBytes", rig.applicationBytes("heal")));
                Thread.sleep(5000);

                var random = new Random(42);
                List<Double> capstan = new ArrayList<>();
                List<Double> floor = new ArrayList<>();
                Map<String, Long> requestsBefore = null;
                long writesTotal = 0;
                Map<String, Long> perHeal = new LinkedHashMap<>();
                for (int sample = -WARM_UP; sample < samples; sample++) {
                    long started = System.nanoTime();
                    Map<String, Long> before = controller.requests();
                    if (sample == 0) {
                        requestsBefore = before;
                    }
                    int index = random.nextInt(target.configMaps());
                    double healed = drift(client, watch, target.namespace(index), target.configMap(index), "drift-" + sample, null);
                    Thread.sleep(2000); // the rest of the reconcile (status, Event) before the counts are read
                    Map<String, Long> requests = ApiServerRequests.difference(before, controller.requests());
                    int floorIndex = random.nextInt(FLOOR_OBJECTS);
                    double restored = drift(client, watch, floorNamespace, floorName(floorIndex), "drift-floor-" + sample,
                            () -> client.resource(floorConfigMap(floorNamespace, floorIndex, "info"))
                                    .fieldManager(FLOOR_MANAGER).forceConflicts().serverSideApply());
                    if (sample >= 0) {
                        capstan.add(healed);
                        floor.add(restored);
                        writesTotal += ApiServerRequests.writes(requests);
                        requests.forEach((key, count) -> perHeal.merge(key, count, Long::sum));
                    }
                    System.out.println(JsonLine.of(scenario, "capstan").add("sample", sample).add("latency", healed)
                            .add("floorLatency", restored).add("controllerWrites", ApiServerRequests.writes(requests))
                            .add("controllerRequests", requests));
                    long rest = spacing.toNanos() - (System.nanoTime() - started);
                    if (rest > 0) {
                        Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                    }
                }
                List<Double> guarded = guardBurst(client, watch, target, scenario, burst, random);
                System.out.println(summary(scenario, Percentiles.of(capstan), Percentiles.of(floor), perHeal, capstan.size(), writesTotal,
                        guarded, spacing));
            }
        }
    }

    /** The application that drifts: the 1,000-object mix, or (to show what scales with the application) a 20-object one. */
    private record Target(ObjectMix mix, SmallApp small) {
        static Target ofMix() {
            return new Target(new ObjectMix("heal"), null);
        }

        static Target ofSmall() {
            return new Target(null, new SmallApp("heal", "heal-small", "heal-small"));
        }

        Map<String, byte[]> files() {
            return mix != null ? appFiles(mix)
                    : Map.of("app/objects.yaml", small.yaml(index -> "info").getBytes(StandardCharsets.UTF_8));
        }

        int configMaps() {
            return mix != null ? ObjectMix.CONFIG_MAPS : SmallApp.CONFIG_MAPS;
        }

        String namespace(int index) {
            return mix != null ? mix.namespace(index) : small.namespace();
        }

        String configMap(int index) {
            return mix != null ? ObjectMix.configMap(index) : SmallApp.configMap(small.name(), index);
        }
    }

    /** The application's files in Git, under {@code app/}. */
    static Map<String, byte[]> appFiles(ObjectMix mix) {
        var files = new LinkedHashMap<String, byte[]>();
        mix.files(index -> "info").forEach((name, text) -> files.put("app/" + name, text.getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /**
     * Takes the ConfigMap's {@value ObjectMix#LOG_LEVEL} with another field manager and returns the
     * seconds from that write's answer to "info" seen again; with a {@code healer}, the harness
     * heals it itself once the drift shows on its watch (the floor).
     */
    private static double drift(KubernetesClient client, ValueWatch watch, String namespace, String name, String value, Runnable healer)
            throws InterruptedException {
        var drifted = watch.expect(namespace, name, null, value);
        var healed = watch.expect(namespace, name, value, "info");
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData(ObjectMix.LOG_LEVEL, value).build()).fieldManager(DRIFTER).forceConflicts().serverSideApply();
        long acknowledged = System.nanoTime();
        if (healer != null) {
            drifted.await(HEAL_TIMEOUT);
            healer.run();
        }
        long seen = healed.await(HEAL_TIMEOUT);
        if (healer == null) {
            drifted.poll(Duration.ZERO);
        }
        return (seen - acknowledged) / 1e9;
    }

    /**
     * The guard at work: after a quiet minute (the guard forgets), drifts made one after the other,
     * each as soon as the previous one was healed; the first five heal at once, then each waits
     * longer. Returns the latencies in order; a heal not seen within the timeout is NaN.
     */
    private static List<Double> guardBurst(KubernetesClient client, ValueWatch watch, Target target, String scenario, int burst,
                                           Random random)
            throws InterruptedException {
        List<Double> latencies = new ArrayList<>();
        if (burst <= 0) {
            return latencies;
        }
        Thread.sleep(Duration.ofSeconds(65));
        for (int i = 0; i < burst; i++) {
            int index = random.nextInt(target.configMaps());
            double latency;
            try {
                latency = drift(client, watch, target.namespace(index), target.configMap(index), "burst-" + i, null);
            } catch (IllegalStateException e) {
                latency = Double.NaN;
            }
            latencies.add(latency);
            System.out.println(JsonLine.of(scenario + "-guard", "capstan").add("drift", i + 1).add("latency", latency));
        }
        return latencies;
    }

    private static String floorName(int index) {
        return "floor-config-" + index;
    }

    private static ConfigMap floorConfigMap(String namespace, int index, String logLevel) {
        return new ConfigMapBuilder().withNewMetadata().withName(floorName(index)).withNamespace(namespace)
                .addToLabels(ObjectMix.RUN_LABEL, "heal-floor").endMetadata()
                .addToData("application.properties", "server.port=8080\nfeature.flag." + index + "=true\n")
                .addToData(ObjectMix.LOG_LEVEL, logLevel).build();
    }

    private static String summary(String scenario, Percentiles capstan, Percentiles floor, Map<String, Long> perHeal, int samples, long writes,
                                  List<Double> guarded, Duration spacing) {
        var text = new StringBuilder("\n| scenario | tool | samples | p50 | p90 | p99 | max | p50 vs floor | p99 vs floor |\n");
        text.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (var row : List.of(Map.entry("floor", floor), Map.entry("capstan", capstan))) {
            Percentiles p = row.getValue();
            text.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s |%n", scenario, row.getKey(), p.count(),
                    Percentiles.ms(p.median()), Percentiles.ms(p.p(90)), Percentiles.ms(p.p(99)), Percentiles.ms(p.max()),
                    Percentiles.ratio(p.median(), floor.median()), Percentiles.ratio(p.p(99), floor.p(99))));
        }
        text.append(String.format(Locale.ROOT, "%nsamples spaced %.1f s (the self-heal guard allows 5 heals per minute); "
                + "latency = drift acknowledged to the corrected value seen on a watch%n", spacing.toMillis() / 1000.0));
        text.append(String.format(Locale.ROOT, "controller requests per heal (mean of %d): ", samples));
        perHeal.forEach((key, count) -> text.append(String.format(Locale.ROOT, "%s %.2f; ", key, count / (double) samples)));
        text.append(String.format(Locale.ROOT, "%nwrites per heal: %.2f%n", writes / (double) samples));
        if (!guarded.isEmpty()) {
            text.append("guard: drifts one after the other, each as soon as the previous was healed: ");
            for (int i = 0; i < guarded.size(); i++) {
                text.append(String.format(Locale.ROOT, "%s%d: %s", i == 0 ? "" : ", ", i + 1,
                        Double.isNaN(guarded.get(i)) ? "not healed within " + HEAL_TIMEOUT.toMinutes() + " min" : Percentiles.ms(guarded.get(i))));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
