package dev.capstan.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler reads of an HTTP request, as a value: path and query parameters, the body, the
 * caller's token (from the cookie or the {@code Authorization} header) and address. Handlers work
 * on it off the event loop and never see Vert.x.
 */
record Request(Map<String, String> path, Map<String, List<String>> query, String body, Optional<String> token,
               String clientAddress, boolean secure) {

    Request {
        path = Map.copyOf(path);
        query = Map.copyOf(query);
        body = body == null ? "" : body;
    }

    static Request of(Map<String, String> path, Map<String, List<String>> query, String body) {
        return new Request(path, query, body, Optional.empty(), "127.0.0.1", false);
    }

    Request withToken(String newToken) {
        return new Request(path, query, body, Optional.ofNullable(newToken), clientAddress, secure);
    }

    /** A path parameter, which the route guarantees. */
    String path(String name) {
        String value = path.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, or empty when absent or blank. */
    Optional<String> query(String name) {
        return query.getOrDefault(name, List.of()).stream().filter(value -> !value.isBlank()).findFirst();
    }

    /** Every non-blank value of a query parameter; values separated by commas count one by one. */
    List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of()).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    /** A boolean query parameter: {@code true} or {@code false}, else {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalid(name + " must be true or false, not " + value.get());
        };
    }
}
