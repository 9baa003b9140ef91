package dev.capstan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Benchmark (e): the controller's memory at steady state as the number of objects it manages
 * grows (0, 10k, 20k, 50k by default: applications of the 1,000-object mix, each in a repository
 * of its own), and as the same number of unmanaged objects (ConfigMaps without Capstan's label,
 * like the mix's) is added next to them. At each point, from outside the controller's JVM: the
 * live heap after a full GC ({@code jcmd GC.class_histogram}), the heap in use after it
 * ({@code GC.heap_info}) and RSS.
 *
 * <p>Usage: {@code memory [thousands,...]}, default {@code 0,10,20,50}. With
 * {@code CAPSTAN_BENCH_HISTOGRAM=DIR}, a class histogram of the controller is written there at each point.
 */
final class MemoryBenchmark {

    private static final String SCENARIO = "memory";
    private static final int UNMANAGED_NAMESPACES = 10;
    /** As deployed, but with 4 GiB instead of the Deployment's 1 GiB, so that the largest point fits. */
    static final String JVM_OPTIONS = ControllerJvm.DEPLOYED_JVM_OPTIONS.replace("-XX:MaxRAM=1g", "-XX:MaxRAM=4g");

    private MemoryBenchmark() {
    }

    record Point(int managed, int unmanaged, int live, long heap, long used, long rss) {
    }

    static void run(String[] args) throws Exception {
        int[] levels = Arrays.stream((args.length > 0 ? args[0] : "0,10,20,50").split(",")).mapToInt(level -> Integer.parseInt(level.strip()) * 1000)
                .toArray();
        try (var rig = ControllerRig.start("memory")) {
            KubernetesClient client = rig.client();
            List<String> unmanagedNamespaces = new ArrayList<>();
            for (int i = 0; i < UNMANAGED_NAMESPACES; i++) {
                unmanagedNamespaces.add("unmanaged-" + i);
            }
            rig.createNamespaces(unmanagedNamespaces);
            ControllerJvm controller = rig.startController(Duration.ofMinutes(3), 8, JVM_OPTIONS);
            System.out.println("controller JVM pid " + controller.pid() + " with " + controller.jvmOptions());
            List<Point> points = new ArrayList<>();
            List<String> applications = new ArrayList<>();
            int unmanaged = 0;
            for (int level : levels) {
                while (applications.size() * ObjectMix.TOTAL < level) {
                    String name = String.format(Locale.ROOT, "mem-%02d", applications.size());
                    var repository = rig.git().create(name);
                    repository.replaceTree("main", HealBenchmark.appFiles(new ObjectMix(name)), "1,000 objects");
                    rig.createApplication(name, name, "app", new ObjectMix(name).namespace(0), false, Map.of());
                    applications.add(name);
                }
                if (!applications.isEmpty()) {
                    rig.awaitSynced(applications, null, Duration.ofMinutes(60));
                }
                points.add(measure(controller, applications.size() * ObjectMix.TOTAL, unmanaged));
                if (level > unmanaged) {
                    createUnmanaged(client, unmanagedNamespaces, unmanaged, level);
                    unmanaged = level;
                    points.add(measure(controller, applications.size() * ObjectMix.TOTAL, unmanaged));
                }
            }
            System.out.println(summary(points, controller.jvmOptions()));
        }
    }

    /** Waits for a quiet controller (under 0.2 CPU-s in 10 s, at most 3 minutes), then reads heap after GC and RSS. */
    private static Point measure(ControllerJvm controller, int managed, int unmanaged) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Thread.sleep(Duration.ofSeconds(20));
        while (System.nanoTime() < deadline) {
            double before = controller.cpuSeconds();
            Thread.sleep(Duration.ofSeconds(10));
            if (controller.cpuSeconds() - before < 0.2) {
                break;
            }
        }
        String histogram = controller.classHistogram();
        if (System.getenv("CAPSTAN_BENCH_HISTOGRAM") != null) {
            Path file = Path.of(System.getenv("CAPSTAN_BENCH_HISTOGRAM"), "histogram-" + managed + "-" + unmanaged + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, histogram);
        }
        ControllerJvm.Heap heap = controller.heapAfterGc(histogram);
        long rss = controller.rssBytes();
        var point = new Point(managed, unmanaged, controller.liveObjects(), heap.live(), heap.used(), rss);
        System.out.println(JsonLine.of(SCENARIO, "capstan").add("managed", managed).add("unmanaged", unmanaged).add("liveCache", point.live())
                .add("liveHeapMB", heap.live() / 1e6).add("heapUsedAfterGcMB", heap.used() / 1e6).add("rssMB", rss / 1e6));
        return point;
    }

    /** ConfigMaps like the mix's, without Capstan's label, {@code from} to {@code to}, 16 creates in flight. */
    private static void createUnmanaged(KubernetesClient client, List<String> namespaces, int from, int to) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var gate = new Semaphore(16);
            var futures = new ArrayList<Future<?>>();
            for (int i = from; i < to; i++) {
                int index = i;
                gate.acquire();
                futures.add(executor.submit(() -> {
                    try {
                        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("unmanaged-" + index)
                                        .withNamespace(namespaces.get(index % namespaces.size())).addToLabels("app", "app-" + index % 100).endMetadata()
                                        .addToData("application.properties", "server.port=8080\nfeature.flag." + index + "=true\n")
                                        .addToData(ObjectMix.LOG_LEVEL, "info").build())
                                .create();
                    } finally {
                        gate.release();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private static String summary(List<Point> points, String jvmOptions) {
        var text = new StringBuilder("\n| managed objects | unmanaged objects | in the live cache | live heap after GC | heap in use after GC | RSS |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (Point point : points) {
            text.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.1f MB | %.1f MB | %.1f MB |%n", point.managed(), point.unmanaged(), point.live(),
                    point.heap() / 1e6, point.used() / 1e6, point.rss() / 1e6));
        }
        // slope over the points measured before unmanaged objects were added at that level
        List<Point> managedOnly = new ArrayList<>();
        for (Point point : points) {
            if (managedOnly.stream().noneMatch(other -> other.managed() == point.managed())) {
                managedOnly.add(point);
            }
        }
        text.append(String.format(Locale.ROOT, "%nslope per 10k managed objects (least squares): live heap %.1f MB, heap in use %.1f MB, RSS %.1f MB%n",
                slope(managedOnly, Point::heap) * 10_000 / 1e6, slope(managedOnly, Point::used) * 10_000 / 1e6,
                slope(managedOnly, Point::rss) * 10_000 / 1e6));
        for (int i = 1; i < points.size(); i++) {
            Point before = points.get(i - 1);
            Point after = points.get(i);
            if (before.managed() == after.managed() && after.unmanaged() > before.unmanaged()) {
                text.append(String.format(Locale.ROOT, "adding %,d unmanaged objects at %,d managed: live heap %+.1f MB, RSS %+.1f MB%n",
                        after.unmanaged() - before.unmanaged(), after.managed(), (after.heap() - before.heap()) / 1e6,
                        (after.rss() - before.rss()) / 1e6));
            }
        }
        text.append("controller JVM options: ").append(jvmOptions).append('\n');
        return text.toString();
    }

    private static double slope(List<Point> points, java.util.function.ToLongFunction<Point> value) {
        if (points.size() < 2) {
            return Double.NaN;
        }
        double meanX = points.stream().mapToDouble(Point::managed).average().orElseThrow();
        double meanY = points.stream().mapToDouble(point -> value.applyAsLong(point)).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (Point point : points) {
            covariance += (point.managed() - meanX) * (value.applyAsLong(point) - meanY);
            variance += (point.managed() - meanX) * (point.managed() - meanX);
        }
        return covariance / variance;
    }
}
