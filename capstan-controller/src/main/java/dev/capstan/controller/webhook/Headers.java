package dev.capstan.controller.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A request's headers by name, ignoring case as HTTP does; of a repeated header, the first value. */
final class Headers {

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Headers(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                values.putIfAbsent(name, value);
            }
        });
    }

    static Headers of(Map<String, String> headers) {
        return new Headers(headers);
    }

    /** The header's value, trimmed; empty when absent or blank. */
    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    boolean has(String name) {
        return get(name).isPresent();
    }
}
