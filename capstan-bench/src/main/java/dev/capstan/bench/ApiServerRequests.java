package dev.capstan.bench;

import dev.capstan.kube.ApiRequestCounter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The API server's own count of the requests it served ({@code apiserver_request_total} on
 * {@code /metrics}), by verb and resource, whoever sent them: the cross-check of what the
 * controller says it sent, and the only count that includes the control plane's own components.
 * Long-running requests (watches) are counted when they end.
 */
final class ApiServerRequests {

    private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private ApiServerRequests() {
    }

    /** Requests served so far, by {@code "VERB resource[/subresource][ (dry run)]"}. */
    static Map<String, Long> read(KubernetesClient client) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(matcher.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String subresource = labels.getOrDefault("subresource", "");
            String key = labels.get("verb") + " " + labels.getOrDefault("resource", "") + (subresource.isEmpty() ? "" : "/" + subresource)
                    + (labels.getOrDefault("dry_run", "").isEmpty() ? "" : " (dry run)");
            counts.merge(key, (long) Double.parseDouble(matcher.group(2)), Long::sum);
        }
        return counts;
    }

    /** What {@code after} has more than {@code before}, without the zeros. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        var result = new TreeMap<String, Long>();
        after.forEach((key, count) -> {
            long delta = count - before.getOrDefault(key, 0L);
            if (delta != 0) {
                result.put(key, delta);
            }
        });
        return result;
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The writes among {@code counts}, keyed as either {@link #read} or {@link ApiRequestCounter} keys them. */
    static long writes(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .filter(entry -> !entry.getKey().contains("(dry run)"))
                .filter(entry -> {
                    String verb = entry.getKey().split(" ", 2)[0].toLowerCase();
                    return verb.equals("create") || verb.equals("post") || verb.equals("update") || verb.equals("put")
                            || verb.equals("apply") || verb.equals("patch") || verb.equals("delete");
                })
                .mapToLong(Map.Entry::getValue).sum();
    }
}
