package dev.capstan.kube;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * Counts every request a fabric8 client sends, by verb and resource ({@code apply configmaps},
 * {@code update applications/status}, {@code watch deployments}, ...): installed in the
 * controller's own client, it says exactly what the controller asked of the API server, with no
 * audit log and nothing from the control plane's own components mixed in. The benchmarks read it,
 * and so does the API server's {@code /metrics}.
 */
public final class ApiRequestCounter implements Interceptor {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(key(request.method(), request.uri(), request.header("Content-Type")), k -> new LongAdder()).increment();
    }

    /** How many requests of {@code key} ({@code "verb resource"}) were sent so far. */
    public long count(String key) {
        LongAdder count = counts.get(key);
        return count == null ? 0 : count.sum();
    }

    /** The counts so far, by {@code "verb resource[/subresource]"}, sorted. */
    public Map<String, Long> snapshot() {
        var result = new TreeMap<String, Long>();
        counts.forEach((key, count) -> result.put(key, count.sum()));
        return result;
    }

    /** {@code "verb resource[/subresource]"} of one request: get, list, watch, create, update, apply, patch or delete. */
    public static String key(String method, URI uri, String contentType) {
        String[] all = uri.getPath().replaceAll("^/+|/+$", "").split("/");
        int start;
        if (all.length >= 2 && all[0].equals("api")) {
            start = 2;
        } else if (all.length >= 3 && all[0].equals("apis")) {
            start = 3;
        } else {
            return method.toLowerCase() + " discovery";
        }
        String[] rest = java.util.Arrays.copyOfRange(all, start, all.length);
        if (rest.length >= 3 && rest[0].equals("namespaces")) {
            rest = java.util.Arrays.copyOfRange(rest, 2, rest.length);
        }
        if (rest.length == 0) {
            return method.toLowerCase() + " discovery";
        }
        String resource = rest[0] + (rest.length >= 3 ? "/" + rest[2] : "");
        boolean named = rest.length >= 2;
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        boolean dryRun = query.contains("dryRun=");
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.contains("watch=true") || query.contains("watch=1") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> contentType != null && contentType.startsWith("application/apply-patch") ? "apply" : "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase();
        };
        return verb + (dryRun ? " (dry run)" : "") + " " + resource;
    }

    /** Whether a key counts a write: something that changes what the API server stores. */
    static boolean isWrite(String key) {
        return !key.contains("(dry run)") && (key.startsWith("create ") || key.startsWith("update ") || key.startsWith("apply ")
                || key.startsWith("patch ") || key.startsWith("delete "));
    }
}
