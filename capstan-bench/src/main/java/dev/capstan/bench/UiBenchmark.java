package dev.capstan.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.WaitUntilState;

/**
 * Benchmark (g): the web UI at scale, in Debian's Chromium driven by Playwright, against the real
 * API server (in this JVM, with the controller and the real access control) and control plane.
 * Two pages: (A) the list of 1,000 Applications (manual sync, one ConfigMap each, all of them
 * compared with Git, so each has a status), and (B) one application of 2,000 ConfigMaps (synced),
 * whose resource tree has 2,000 nodes. Each round times three tools in turn, each in a fresh page
 * of one logged-in browser context:
 * <ul>
 *   <li><b>capstan</b>: from {@code page.navigate} to the page showing the data (all counted, the
 *       first tile or the graph's nodes in view), polled on every animation frame;</li>
 *   <li><b>peer</b>: a plain page: from {@code page.navigate} to {@code /healthz} on the same
 *       origin to the same data drawn by an inline script as one HTML table, laid out;</li>
 *   <li><b>floor</b>: fetching and parsing the page's API answers inside a page, nothing shown.</li>
 * </ul>
 * A diagnostic runs beside them: Capstan's page with its live stream refused
 * ({@code capstan-without-stream}), since the stream's first answer repeats every application the
 * page also fetches. Prints a JSON line per round and tool (the UI's own timeline: scripts loaded,
 * session checked, API calls, shown; the API server's time on those calls), then the medians with
 * their ratios.
 *
 * <p>Usage: {@code ./bench ui [rounds] [applications] [resources]} (5, 1,000, 2,000; one warm-up
 * round first).
 */
final class UiBenchmark {

    private static final int WARM_UP = 1;
    private static final String BIG = "big";
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration QUIET = Duration.ofSeconds(10);
    /** Long enough that no poll runs while pages are timed: the data stays put. */
    private static final Duration POLL_INTERVAL = Duration.ofMinutes(30);
    private static final int WORKERS = 4;
    private static final List<String> TOOLS = List.of("floor", "peer", "capstan");
    /** A diagnostic, not a tool: Capstan's page with its live stream refused, to see what the stream's first answer costs. */
    private static final String WITHOUT_STREAM = "capstan-without-stream";

    /** One tool's time in one round: the figure compared, the API server's time on the page's calls, and the details printed. */
    private record Sample(double ms, double apiServerMs, Map<String, Double> details) {
    }

    private UiBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int applications = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int resources = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Map<UiScenario, Map<String, List<Sample>>> results = new LinkedHashMap<>();
        List<String> errors;
        try (var rig = ControllerRig.start("ui");
             var capstan = ServedCapstan.start(rig.client(), rig.work().resolve("git-cache"), POLL_INTERVAL, WORKERS)) {
            List<String> names = createListApplications(rig, applications);
            double compared = rig.awaitCompared(names, SETUP_TIMEOUT);
            rig.awaitQuiet(QUIET, SETUP_TIMEOUT);
            System.out.println(JsonLine.of("ui-list-" + applications, "setup").add("applications", applications)
                    .add("secondsToCompareAll", compared));
            var times = new ApiRequestTimes(capstan.url());
            try (var browser = UiBrowser.launch(capstan.url(), "admin", capstan.initialAdminPassword())) {
                System.out.println(JsonLine.of("ui", "setup").add("chromium", browser.version()));
                var list = UiScenario.applicationList(applications, names.getFirst());
                results.put(list, measure(browser, times, list, rounds));

                createBigApplication(rig, resources);
                double synced = rig.awaitSynced(List.of(BIG), null, SETUP_TIMEOUT);
                rig.awaitQuiet(QUIET, SETUP_TIMEOUT);
                System.out.println(JsonLine.of("ui-tree-" + resources, "setup").add("resources", resources).add("secondsToSync", synced)
                        .add("applicationBytes", rig.applicationBytes(BIG)));
                var tree = UiScenario.applicationTree(BIG, resources);
                results.put(tree, measure(browser, times, tree, rounds));
                errors = browser.pageErrors();
            }
        }
        System.out.println(summary(results, rounds, errors));
    }

    /** {@code applications} manual-sync applications of one ConfigMap each, in one repository; their names, sorted. */
    private static List<String> createListApplications(ControllerRig rig, int applications) {
        String namespace = "ui-list";
        Map<String, String> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            String name = String.format(Locale.ROOT, "list-%04d", i);
            names.add(name);
            files.put("apps/" + name + "/config.yaml", configMap(name, namespace, i));
        }
        rig.git().create("ui-list").commit("main", files, applications + " applications of one ConfigMap");
        rig.createNamespaces(List.of(namespace));
        for (String name : names) {
            rig.createManualApplication(name, "ui-list", "apps/" + name, namespace);
        }
        return names;
    }

    /** One application of {@code resources} ConfigMaps in files of 500, with automated sync. */
    private static void createBigApplication(ControllerRig rig, int resources) {
        String namespace = "ui-big";
        Map<String, String> files = new LinkedHashMap<>();
        for (int first = 0; first < resources; first += 500) {
            var file = new StringBuilder();
            for (int i = first; i < Math.min(resources, first + 500); i++) {
                file.append(i == first ? "" : "---\n").append(configMap(String.format(Locale.ROOT, "big-%04d", i), namespace, i));
            }
            files.put(String.format(Locale.ROOT, "big/configmaps-%d.yaml", first / 500), file.toString());
        }
        rig.git().create("ui-big").commit("main", files, resources + " ConfigMaps");
        rig.createNamespaces(List.of(namespace));
        rig.createApplication(BIG, "ui-big", "big", namespace, false, Map.of());
    }

    private static String configMap(String name, String namespace, int index) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: %s, labels: {app.kubernetes.io/part-of: ui-bench}}
                data:
                  application.properties: |
                    server.port=8080
                    feature.flag.%d=true
                  log-level: info
                """.formatted(name, namespace, index);
    }

    private static Map<String, List<Sample>> measure(UiBrowser browser, ApiRequestTimes times, UiScenario scenario, int rounds)
            throws Exception {
        awaitData(browser, scenario);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 0; round < WARM_UP + rounds; round++) {
            for (String tool : List.of("capstan", WITHOUT_STREAM, "peer", "floor")) {
                Sample sample = switch (tool) {
                    case "capstan" -> capstan(browser, times, scenario, true);
                    case WITHOUT_STREAM -> capstan(browser, times, scenario, false);
                    case "peer" -> peer(browser, times, scenario);
                    default -> floor(browser, times, scenario);
                };
                if (round >= WARM_UP) {
                    samples.computeIfAbsent(tool, name -> new ArrayList<>()).add(sample);
                    JsonLine line = JsonLine.of(scenario.name(), tool).add("round", round - WARM_UP + 1).add("ms", sample.ms())
                            .add("apiServerMs", sample.apiServerMs());
                    sample.details().forEach(line::add);
                    System.out.println(line);
                }
            }
        }
        return samples;
    }

    /** Waits until the API serves all of the scenario's items (the tree of a freshly synced application fills in from watches). */
    private static void awaitData(UiBrowser browser, UiScenario scenario) throws InterruptedException {
        long deadline = System.nanoTime() + UiBrowser.TIMEOUT.toNanos();
        Page page = browser.newPage();
        try {
            page.navigate(browser.url() + "/healthz");
            while (true) {
                int items = (int) number(result(page.evaluate(scenario.floor())), "items");
                if (items == scenario.items()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(scenario.name() + ": the API serves " + items + " items, not " + scenario.items());
                }
                Thread.sleep(1000);
            }
        } finally {
            page.close();
        }
    }

    private static Sample capstan(UiBrowser browser, ApiRequestTimes times, UiScenario scenario, boolean stream) throws Exception {
        Page page = browser.newPage();
        try {
            if (!stream) {
                page.route("**/api/v1/stream/**", Route::abort);
            }
            var before = times.read();
            long start = System.nanoTime();
            page.navigate(browser.url() + scenario.path(), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            JSHandle shown = page.waitForFunction(scenario.shown(), null,
                    new Page.WaitForFunctionOptions().setTimeout(UiBrowser.TIMEOUT.toMillis()));
            double wall = (System.nanoTime() - start) / 1e6;
            double inPage = ((Number) shown.jsonValue()).doubleValue();
            Map<String, Object> timeline = result(page.evaluate(UiScenario.TIMELINE, scenario.apiPaths()));
            var after = times.read();
            var server = ApiRequestTimes.between(before, after, scenario.apiRoutes());
            Map<String, Double> details = new LinkedHashMap<>();
            details.put("shownInPageMs", inPage);
            details.put("domContentLoadedMs", number(timeline, "domContentLoaded"));
            details.put("sessionCheckedMs", number(timeline, "sessionEnd"));
            details.put("apiStartMs", number(timeline, "apiStart"));
            details.put("apiEndMs", number(timeline, "apiEnd"));
            details.put("apiCalls", number(timeline, "apiCalls"));
            details.put("apiBytes", number(timeline, "apiBytes"));
            details.put("apiTransferredBytes", number(timeline, "apiTransferred"));
            details.put("apiServerCalls", (double) server.count());
            details.putAll(serverTimeByRoute(scenario, before, after));
            return new Sample(wall, server.seconds() * 1e3, details);
        } finally {
            page.close();
        }
    }

    private static Sample peer(UiBrowser browser, ApiRequestTimes times, UiScenario scenario) throws Exception {
        Page page = browser.newPage();
        try {
            var before = times.read();
            long start = System.nanoTime();
            page.navigate(browser.url() + "/healthz");
            Map<String, Object> drawn = result(page.evaluate(scenario.peer()));
            double wall = (System.nanoTime() - start) / 1e6;
            var server = ApiRequestTimes.between(before, times.read(), scenario.apiRoutes());
            check(scenario, "peer", drawn);
            return new Sample(wall, server.seconds() * 1e3, Map.of("scriptMs", number(drawn, "ms")));
        } finally {
            page.close();
        }
    }

    private static Sample floor(UiBrowser browser, ApiRequestTimes times, UiScenario scenario) throws Exception {
        Page page = browser.newPage();
        try {
            page.navigate(browser.url() + "/healthz");
            var before = times.read();
            Map<String, Object> parsed = result(page.evaluate(scenario.floor()));
            var after = times.read();
            var server = ApiRequestTimes.between(before, after, scenario.apiRoutes());
            check(scenario, "floor", parsed);
            Map<String, Double> details = new LinkedHashMap<>();
            details.put("parseMs", number(parsed, "parseMs"));
            details.putAll(serverTimeByRoute(scenario, before, after));
            return new Sample(number(parsed, "ms"), server.seconds() * 1e3, details);
        } finally {
            page.close();
        }
    }

    /** The API server's milliseconds per route of the scenario, when it has more than one. */
    private static Map<String, Double> serverTimeByRoute(UiScenario scenario, Map<String, ApiRequestTimes.Total> before,
                                                         Map<String, ApiRequestTimes.Total> after) {
        Map<String, Double> times = new LinkedHashMap<>();
        if (scenario.apiRoutes().size() > 1) {
            for (String route : scenario.apiRoutes()) {
                times.put("apiServerMs " + route, ApiRequestTimes.between(before, after, List.of(route)).seconds() * 1e3);
            }
        }
        return times;
    }

    private static void check(UiScenario scenario, String tool, Map<String, Object> result) {
        if ((int) number(result, "items") != scenario.items()) {
            throw new IllegalStateException(scenario.name() + ": the " + tool + " saw " + result.get("items") + " items, not " + scenario.items());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Object evaluated) {
        return (Map<String, Object>) evaluated;
    }

    private static double number(Map<String, Object> result, String key) {
        return ((Number) result.get(key)).doubleValue();
    }

    private static String summary(Map<UiScenario, Map<String, List<Sample>>> results, int rounds, List<String> errors) {
        var text = new StringBuilder("\n| scenario | tool | median | API server time (median) | ratio to floor | ratio to peer |\n");
        text.append("| --- | --- | --- | --- | --- | --- |\n");
        results.forEach((scenario, samples) -> {
            Map<String, Double> medians = new LinkedHashMap<>();
            TOOLS.forEach(tool -> medians.put(tool, median(samples.get(tool), Sample::ms)));
            for (String tool : TOOLS) {
                double median = medians.get(tool);
                text.append(String.format(Locale.ROOT, "| %s | %s | %.0f ms | %.0f ms | %s | %s |%n", title(scenario), tool, median,
                        median(samples.get(tool), Sample::apiServerMs), Percentiles.ratio(median, medians.get("floor")),
                        Percentiles.ratio(median, medians.get("peer"))));
            }
        });
        text.append("\nWhere the UI's time goes (medians, ms from the navigation's start in the page):\n\n");
        text.append("| scenario | page | HTML and scripts in (DOMContentLoaded) | session checked | API calls start | API answers in | shown "
                + "| wall from navigate | API bytes (sent) | API server time |\n");
        text.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        results.forEach((scenario, samples) -> {
            for (String tool : List.of("capstan", WITHOUT_STREAM)) {
                List<Sample> capstan = samples.get(tool);
                text.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %,.0f (%,.0f) | %.0f |%n",
                        title(scenario), tool, detail(capstan, "domContentLoadedMs"), detail(capstan, "sessionCheckedMs"),
                        detail(capstan, "apiStartMs"), detail(capstan, "apiEndMs"), detail(capstan, "shownInPageMs"), median(capstan, Sample::ms),
                        detail(capstan, "apiBytes"), detail(capstan, "apiTransferredBytes"), median(capstan, Sample::apiServerMs)));
            }
        });
        text.append("\nThe floor's JSON.parse alone and the peer's script alone (medians, ms):\n\n| scenario | floor: JSON.parse | peer: fetch, parse, "
                + "table laid out |\n| --- | --- | --- |\n");
        results.forEach((scenario, samples) -> text.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", title(scenario),
                detail(samples.get("floor"), "parseMs"), detail(samples.get("peer"), "scriptMs"))));
        text.append(String.format(Locale.ROOT, "%nmedians of %d rounds after %d warm-up round; errors thrown in the pages: %s%n", rounds, WARM_UP,
                errors.isEmpty() ? "none" : errors));
        return text.toString();
    }

    private static String title(UiScenario scenario) {
        return scenario.name().startsWith("ui-list-")
                ? String.format(Locale.ROOT, "(A) list of %,d applications", scenario.items())
                : String.format(Locale.ROOT, "(B) application of %,d resources", scenario.items());
    }

    private static double detail(List<Sample> samples, String key) {
        return median(samples, sample -> sample.details().get(key));
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return Percentiles.of(samples.stream().map(value::applyAsDouble).toList()).median();
    }
}
