package dev.capstan.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.git.serve.HostedRepository;

/**
 * Benchmark (d): a Git push to the change applied. In the 1,000-object application
 * ({@link ObjectMix}) a commit changes one ConfigMap's value; the time runs from the commit
 * being in the served repository ("push done") to the new value seen on a watch:
 * <ul>
 * <li>with a webhook: a signed GitHub push event is posted to the controller right after the
 *     push. Writes are counted twice: by the controller's own client and by the API server's
 *     {@code apiserver_request_total}, which shows whether only the changed object was written;</li>
 * <li>by polling: no webhook, the application polls every {@code interval}; each push comes
 *     after a random pause, so it lands anywhere in the poll cycle;</li>
 * <li>a bulk change: 50 applications of 20 objects in one repository, one commit changing one
 *     ConfigMap in each, one webhook; the time runs to the last of the 50 values seen.</li>
 * </ul>
 *
 * <p>Usage: {@code push [webhook samples] [poll samples] [poll interval s] [bulk samples]},
 * defaults 30, 20, 10, 5.
 */
final class PushBenchmark {

    private static final String APPLICATION = "push";
    private static final String REPOSITORY = "push-mix";
    private static final String POLL_ANNOTATION = "capstan.dev/poll-interval";
    private static final int WARM_UP = 3;
    private static final int BULK_APPS = 50;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private PushBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int webhookSamples = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int pollSamples = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int pollSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int bulkSamples = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (var rig = ControllerRig.start("push"); var http = HttpClient.newHttpClient()) {
            KubernetesClient client = rig.client();
            var mix = new ObjectMix("push");
            HostedRepository repository = rig.git().create(REPOSITORY);
            Map<Integer, String> values = new HashMap<>();
            String sha = repository.replaceTree("main", HealBenchmark.appFiles(mix), "1,000 objects");
            ControllerJvm controller = rig.startController(Duration.ofMinutes(1), 8);
            System.out.println("controller JVM pid " + controller.pid() + " with " + controller.jvmOptions());
            var random = new Random(7);
            var summary = new StringBuilder();
            var floorMix = new ObjectMix("pushfloor");
            HostedRepository floorRepository = rig.git().create("push-floor");
            Map<Integer, String> floorValues = new HashMap<>();
            floorRepository.replaceTree("main", HealBenchmark.appFiles(floorMix), "1,000 objects");
            try (var watch = new ValueWatch(client, ObjectMix.LOG_LEVEL);
                 var floor = new PushFloor(client, rig.work().resolve("floor-cache"), rig.git().url("push-floor"), "app")) {
                floor.sync();
                rig.createApplication(APPLICATION, REPOSITORY, "app", mix.namespace(0), false, Map.of(POLL_ANNOTATION, "1h"));
                rig.awaitSynced(List.of(APPLICATION), sha, Duration.ofMinutes(10));
                Thread.sleep(3000);

                // with a webhook
                List<Double> latencies = new ArrayList<>();
                List<Double> floorLatencies = new ArrayList<>();
                List<Double> webhookAnswers = new ArrayList<>();
                Map<String, Long> controllerRequests = new LinkedHashMap<>();
                Map<String, Long> serverRequests = new LinkedHashMap<>();
                for (int sample = -WARM_UP; sample < webhookSamples; sample++) {
                    int index = random.nextInt(ObjectMix.CONFIG_MAPS);
                    String value = "webhook-" + sample;
                    values.put(index, value);
                    var expectation = watch.expect(mix.namespace(index), ObjectMix.configMap(index), null, value);
                    String text = mix.files(i -> values.getOrDefault(i, "info")).get("10-objects.yaml");
                    Map<String, Long> controllerBefore = controller.requests();
                    Map<String, Long> serverBefore = ApiServerRequests.read(client);
                    String pushed = repository.commit("main", Map.of("app/10-objects.yaml", text), "change " + ObjectMix.configMap(index));
                    long done = System.nanoTime();
                    int status = rig.postWebhook(http, REPOSITORY, pushed);
                    long answered = System.nanoTime();
                    if (status != 200) {
                        throw new IllegalStateException("the webhook was answered " + status);
                    }
                    long seen = expectation.await(TIMEOUT);
                    rig.awaitSynced(List.of(APPLICATION), pushed, TIMEOUT);
                    Thread.sleep(1000);
                    Map<String, Long> byController = ApiServerRequests.difference(controllerBefore, controller.requests());
                    Map<String, Long> byServer = ApiServerRequests.difference(serverBefore, ApiServerRequests.read(client));
                    double latency = (seen - done) / 1e9;
                    System.out.println(JsonLine.of("push-webhook-1000", "capstan").add("sample", sample).add("latency", latency)
                            .add("webhookAnswered", (answered - done) / 1e9).add("controllerWrites", ApiServerRequests.writes(byController))
                            .add("configMapWritesAtServer", managedWrites(byServer)).add("controllerRequests", byController)
                            .add("apiServerRequests", byServer));
                    double floorLatency = floorSample(floor, floorRepository, floorMix, floorValues, watch, random, "floor-" + sample);
                    System.out.println(JsonLine.of("push-webhook-1000", "floor").add("sample", sample).add("latency", floorLatency));
                    if (sample >= 0) {
                        latencies.add(latency);
                        floorLatencies.add(floorLatency);
                        webhookAnswers.add((answered - done) / 1e9);
                        byController.forEach((key, count) -> controllerRequests.merge(key, count, Long::sum));
                        byServer.forEach((key, count) -> serverRequests.merge(key, count, Long::sum));
                    }
                }
                Percentiles webhook = Percentiles.of(latencies);
                Percentiles webhookFloor = Percentiles.of(floorLatencies);
                summary.append("\n| scenario | tool | samples | p50 | p90 | max | p50 vs floor | goal |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
                summary.append(row("push to applied, webhook, 1,000-object app", "floor", webhookFloor, webhookFloor, "fetch + render + 1 apply"));
                summary.append(row("push to applied, webhook, 1,000-object app", "capstan", webhook, webhookFloor, "p50 <= 300 ms"));

                // by polling
                rig.annotate(APPLICATION, POLL_ANNOTATION, pollSeconds + "s");
                Thread.sleep(Duration.ofSeconds(pollSeconds + 5));
                List<Double> polled = new ArrayList<>();
                for (int sample = 0; sample < pollSamples; sample++) {
                    Thread.sleep((long) (random.nextDouble() * pollSeconds * 1000));
                    int index = random.nextInt(ObjectMix.CONFIG_MAPS);
                    String value = "poll-" + sample;
                    values.put(index, value);
                    var expectation = watch.expect(mix.namespace(index), ObjectMix.configMap(index), null, value);
                    String text = mix.files(i -> values.getOrDefault(i, "info")).get("10-objects.yaml");
                    String pushed = repository.commit("main", Map.of("app/10-objects.yaml", text), "change " + ObjectMix.configMap(index));
                    long done = System.nanoTime();
                    long seen = expectation.await(TIMEOUT);
                    double latency = (seen - done) / 1e9;
                    polled.add(latency);
                    rig.awaitSynced(List.of(APPLICATION), pushed, TIMEOUT);
                    System.out.println(JsonLine.of("push-poll-1000", "capstan").add("sample", sample).add("interval", pollSeconds)
                            .add("latency", latency));
                }
                rig.annotate(APPLICATION, POLL_ANNOTATION, "1h");
                Percentiles poll = Percentiles.of(polled);
                summary.append(row("push to applied, polling every " + pollSeconds + " s, 1,000-object app", "capstan", poll, null,
                        "<= " + (pollSeconds / 2.0 + 1) + " s"));

                // a bulk change of 50 applications
                Percentiles bulk = bulk(rig, controller, watch, http, bulkSamples);
                summary.append(row("bulk push to applied, webhook, 50 apps x 20 objects (to the last)", "capstan", bulk, null, "<= 5 s"));

                summary.append(String.format(Locale.ROOT, "%nwebhook answered in (median) %s; per webhook push (mean of %d):%n",
                        Percentiles.ms(Percentiles.of(webhookAnswers).median()), latencies.size()));
                summary.append("  controller's requests: ").append(perSample(controllerRequests, latencies.size())).append('\n');
                summary.append("  API server's count (everyone): ").append(perSample(serverRequests, latencies.size())).append('\n');
                summary.append(String.format(Locale.ROOT, "  writes to managed objects at the API server per push: %.2f (the changed ConfigMap is 1)%n",
                        managedWrites(serverRequests) / (double) latencies.size()));
                System.out.println(summary);
            }
        }
    }

    private static Percentiles bulk(ControllerRig rig, ControllerJvm controller, ValueWatch watch, HttpClient http, int samples)
            throws Exception {
        HostedRepository repository = rig.git().create("bulk");
        List<SmallApp> apps = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < BULK_APPS; i++) {
            String namespace = "bulk-" + (i % 10);
            apps.add(new SmallApp("bulk", String.format(Locale.ROOT, "bulk-%02d", i), namespace));
            if (!namespaces.contains(namespace)) {
                namespaces.add(namespace);
            }
        }
        rig.createNamespaces(namespaces);
        Map<String, String> files = new LinkedHashMap<>();
        apps.forEach(app -> files.put("apps/" + app.name() + "/objects.yaml", app.yaml(i -> "info")));
        String sha = repository.commit("main", files, "50 applications");
        for (SmallApp app : apps) {
            rig.createApplication(app.name(), "bulk", "apps/" + app.name(), app.namespace(), false, Map.of(POLL_ANNOTATION, "1h"));
        }
        List<String> names = apps.stream().map(SmallApp::name).toList();
        rig.awaitSynced(names, sha, Duration.ofMinutes(10));
        Thread.sleep(3000);
        List<Double> latencies = new ArrayList<>();
        Map<Integer, String> values = new HashMap<>();
        for (int sample = -1; sample < samples; sample++) {
            String value = "bulk-" + sample;
            int changed = Math.floorMod(sample, SmallApp.CONFIG_MAPS);
            values.put(changed, value);
            Map<String, String> changes = new LinkedHashMap<>();
            List<ValueWatch.Expectation> expectations = new ArrayList<>();
            for (SmallApp app : apps) {
                changes.put("apps/" + app.name() + "/objects.yaml", app.yaml(i -> values.getOrDefault(i, "info")));
                expectations.add(watch.expect(app.namespace(), SmallApp.configMap(app.name(), changed), null, value));
            }
            Map<String, Long> controllerBefore = controller.requests();
            String pushed = repository.commit("main", changes, "change 50 applications");
            long done = System.nanoTime();
            int status = rig.postWebhook(http, "bulk", pushed);
            if (status != 200) {
                throw new IllegalStateException("the webhook was answered " + status);
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (ValueWatch.Expectation expectation : expectations) {
                long seen = expectation.await(TIMEOUT);
                first = Math.min(first, seen);
                last = Math.max(last, seen);
            }
            rig.awaitSynced(names, pushed, TIMEOUT);
            Thread.sleep(1000);
            Map<String, Long> byController = ApiServerRequests.difference(controllerBefore, controller.requests());
            double latency = (last - done) / 1e9;
            System.out.println(JsonLine.of("push-webhook-bulk-50x20", "capstan").add("sample", sample).add("latency", latency)
                    .add("firstSeen", (first - done) / 1e9).add("controllerWrites", ApiServerRequests.writes(byController))
                    .add("controllerRequests", byController));
            if (sample >= 0) {
                latencies.add(latency);
            }
        }
        return Percentiles.of(latencies);
    }

    /** Writes to the kinds of the mix (not Applications, Events or the control plane's own leases). */
    private static long managedWrites(Map<String, Long> counts) {
        Map<String, Long> managed = new HashMap<>();
        counts.forEach((key, count) -> {
            String resource = key.split(" ")[1];
            if (List.of("configmaps", "services", "deployments", "serviceaccounts", "namespaces").contains(resource)) {
                managed.put(key, count);
            }
        });
        return ApiServerRequests.writes(managed);
    }

    private static String row(String scenario, String tool, Percentiles p, Percentiles floor, String goal) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |%n", scenario, tool, p.count(), Percentiles.ms(p.median()),
                Percentiles.ms(p.p(90)), Percentiles.ms(p.max()), floor == null ? "-" : Percentiles.ratio(p.median(), floor.median()), goal);
    }

    /** One push to the floor's own copy of the mix, synced by {@link PushFloor}; seconds to the value seen. */
    private static double floorSample(PushFloor floor, HostedRepository repository, ObjectMix mix, Map<Integer, String> values,
                                      ValueWatch watch, Random random, String value) throws Exception {
        int index = random.nextInt(ObjectMix.CONFIG_MAPS);
        values.put(index, value);
        var expectation = watch.expect(mix.namespace(index), ObjectMix.configMap(index), null, value);
        String text = mix.files(i -> values.getOrDefault(i, "info")).get("10-objects.yaml");
        repository.commit("main", Map.of("app/10-objects.yaml", text), "change " + ObjectMix.configMap(index));
        long done = System.nanoTime();
        int applied = floor.sync();
        if (applied != 1) {
            throw new IllegalStateException("the floor applied " + applied + " objects for one changed ConfigMap");
        }
        return (expectation.await(TIMEOUT) - done) / 1e9;
    }

    private static String perSample(Map<String, Long> counts, int samples) {
        var text = new StringBuilder();
        counts.forEach((key, count) -> text.append(String.format(Locale.ROOT, "%s %.2f; ", key, count / (double) samples)));
        return text.toString();
    }

}
