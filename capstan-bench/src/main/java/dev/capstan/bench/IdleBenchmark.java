package dev.capstan.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;

/**
 * Benchmark (b): many applications with nothing to do. 500 applications of 20 objects
 * ({@link SmallApp}), 10 to a repository (50 repositories), synced by the controller with 1-minute
 * polling; then a window with no change at all, over which the controller's CPU seconds (from
 * {@code /proc}, its whole JVM), its requests to the API server (its own client's count) and to
 * Git (the Git server's log) are taken per minute. The API server's own count is taken over the
 * same window, and over a minute before the controller started, for the control plane's own
 * background traffic.
 *
 * <p>Usage: {@code idle [minutes] [applications] [applications per repository]}, defaults 10, 500, 10.
 */
final class IdleBenchmark {

    private IdleBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int applications = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int perRepository = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int repositories = (applications + perRepository - 1) / perRepository;
        String scenario = "idle-" + applications + "x20";
        try (var rig = ControllerRig.start("idle")) {
            KubernetesClient client = rig.client();
            GitHttpServer git = rig.git();
            List<SmallApp> apps = new ArrayList<>();
            List<String> namespaces = new ArrayList<>();
            for (int r = 0; r < repositories; r++) {
                String namespace = String.format(Locale.ROOT, "idle-%02d", r);
                namespaces.add(namespace);
                Map<String, String> files = new LinkedHashMap<>();
                for (int a = 0; a < perRepository && apps.size() < applications; a++) {
                    var app = new SmallApp("idle", String.format(Locale.ROOT, "idle-%02d-%02d", r, a), namespace);
                    apps.add(app);
                    files.put("apps/" + app.name() + "/objects.yaml", app.yaml(i -> "info"));
                }
                HostedRepository repository = git.create(repository(r));
                repository.commit("main", files, "applications");
            }
            rig.createNamespaces(namespaces);

            // the control plane's own traffic, before the controller runs
            Map<String, Long> quietBefore = ApiServerRequests.read(client);
            Thread.sleep(Duration.ofMinutes(1));
            Map<String, Long> background = ApiServerRequests.difference(quietBefore, ApiServerRequests.read(client));

            ControllerJvm controller = rig.startController(Duration.ofMinutes(1), 8);
            System.out.println("controller JVM pid " + controller.pid() + " with " + controller.jvmOptions());
            long createStart = System.nanoTime();
            for (SmallApp app : apps) {
                String repository = repository(Integer.parseInt(app.name().substring(5, 7)));
                rig.createApplication(app.name(), repository, "apps/" + app.name(), app.namespace(), false, Map.of());
            }
            rig.awaitSynced(apps.stream().map(SmallApp::name).toList(), null, Duration.ofMinutes(30));
            double coldStart = (System.nanoTime() - createStart) / 1e9;
            System.out.println(JsonLine.of("controller-cold-sync-" + applications + "x20", "capstan").add("wall", coldStart)
                    .add("controllerCpu", controller.cpuSeconds()).add("liveObjects", controller.liveObjects()));
            Thread.sleep(Duration.ofSeconds(90)); // the sync's aftermath (status writes, Events) and the polls settle into their cycle

            double cpuBefore = controller.cpuSeconds();
            Map<String, Long> requestsBefore = controller.requests();
            Map<String, Long> serverBefore = ApiServerRequests.read(client);
            int gitBefore = git.requests().size();
            long start = System.nanoTime();
            List<Double> cpuPerMinute = new ArrayList<>();
            double previous = cpuBefore;
            Map<String, Double> threadsBefore = ProcessCpu.byThread(controller.pid());
            Map<String, Long> minuteRequests = requestsBefore;
            int gitMinute = gitBefore;
            for (int minute = 1; minute <= minutes; minute++) {
                Thread.sleep(Duration.ofMinutes(1));
                double now = controller.cpuSeconds();
                Map<String, Double> threads = ProcessCpu.byThread(controller.pid());
                System.out.println("  minute " + minute + " by thread: " + ProcessCpu.difference(threadsBefore, threads));
                threadsBefore = threads;
                List<GitHttpServer.Request> gitNow = git.requests();
                Map<String, Long> byRepository = new TreeMap<>();
                gitNow.subList(gitMinute, gitNow.size()).forEach(request -> byRepository.merge(
                        request.method() + " " + request.uri().replaceAll("idle-repo-[0-9]+", "*"), 1L, Long::sum));
                System.out.println("  minute " + minute + " Git: " + (gitNow.size() - gitMinute) + " " + byRepository);
                gitMinute = gitNow.size();
                Map<String, Long> requestsNow = controller.requests();
                System.out.println("  minute " + minute + " requests: " + ApiServerRequests.difference(minuteRequests, requestsNow));
                minuteRequests = requestsNow;
                cpuPerMinute.add(now - previous);
                System.out.println(JsonLine.of(scenario, "capstan").add("minute", minute).add("controllerCpu", now - previous)
                        .add("rssMB", controller.rssBytes() / 1e6));
                previous = now;
            }
            double elapsedMinutes = (System.nanoTime() - start) / 60e9;
            double cpu = controller.cpuSeconds() - cpuBefore;
            Map<String, Long> requests = ApiServerRequests.difference(requestsBefore, controller.requests());
            Map<String, Long> server = ApiServerRequests.difference(serverBefore, ApiServerRequests.read(client));
            List<GitHttpServer.Request> gitRequests = git.requests();
            int gitCount = gitRequests.size() - gitBefore;
            long fetches = gitRequests.subList(gitBefore, gitRequests.size()).stream()
                    .filter(request -> request.method().equals("POST")).count();

            System.out.println(JsonLine.of(scenario, "capstan").add("minutes", elapsedMinutes).add("controllerCpuPerMinute", cpu / elapsedMinutes)
                    .add("controllerRequests", requests).add("apiServerRequests", server).add("gitRequests", gitCount)
                    .add("gitPosts", fetches));
            long controllerTotal = ApiServerRequests.total(requests);
            long serverTotal = ApiServerRequests.total(server);
            long backgroundTotal = ApiServerRequests.total(background);
            var text = new StringBuilder();
            text.append("\n| scenario | minutes | controller CPU-s/min | controller API requests/s | API server requests/s (all) "
                    + "| of which the control plane alone (before) | Git requests/min | floor | goal |\n");
            text.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            text.append(String.format(Locale.ROOT, "| %d apps x 20 objects, %d repositories, idle, 1-min polling | %.1f | %.3f (per minute: %s) "
                            + "| %.3f | %.2f | %.2f | %.0f | 0 API requests, %d ref lookups/min | <= 0.5 CPU-s/min, <= 1 request/s |%n",
                    applications, repositories, elapsedMinutes, cpu / elapsedMinutes, minutesText(cpuPerMinute),
                    controllerTotal / (elapsedMinutes * 60), serverTotal / (elapsedMinutes * 60), backgroundTotal / 60.0,
                    gitCount / elapsedMinutes, repositories));
            text.append("controller's requests in the window: ").append(requests).append('\n');
            text.append("API server's count in the window (everyone): ").append(server).append('\n');
            text.append("API server's count in the minute before the controller started: ").append(background).append('\n');
            text.append(String.format(Locale.ROOT, "Git: %d requests in %.1f min (%d of them POST git-upload-pack); controller RSS %.0f MB%n",
                    gitCount, elapsedMinutes, fetches, controller.rssBytes() / 1e6));
            System.out.println(text);
        }
    }

    private static String repository(int index) {
        return String.format(Locale.ROOT, "idle-repo-%02d", index);
    }

    private static String minutesText(List<Double> values) {
        return String.join(", ", values.stream().map(value -> String.format(Locale.ROOT, "%.2f", value)).toList());
    }
}
