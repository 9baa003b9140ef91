package dev.capstan.engine.sync;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.capstan.engine.Manifest;

/**
 * The sync options one object asks for in its sync-options annotation, a comma-separated list of
 * {@code Key=Value} ({@code Prune=false,Replace=true}). Keys are matched without regard to case; a
 * key without a value means {@code Key=true}; keys Capstan does not know are kept and ignored.
 */
record ResourceSyncOptions(Map<String, String> values) {

    static final ResourceSyncOptions NONE = new ResourceSyncOptions(Map.of());

    ResourceSyncOptions {
        values = Map.copyOf(values);
    }

    static ResourceSyncOptions of(Manifest manifest) {
        return SyncAnnotation.SYNC_OPTIONS.on(manifest).map(found -> parse(List.of(found.value().split(",")))).orElse(NONE);
    }

    /** Parses option strings such as {@code CreateNamespace=true}, one option per string. */
    static ResourceSyncOptions parse(Collection<String> options) {
        var values = new LinkedHashMap<String, String>();
        for (String option : options) {
            if (option.isBlank()) {
                continue;
            }
            int equals = option.indexOf('=');
            String key = (equals < 0 ? option : option.substring(0, equals)).strip();
            String value = equals < 0 ? "true" : option.substring(equals + 1).strip();
            values.put(key.toLowerCase(Locale.ROOT), value);
        }
        return new ResourceSyncOptions(values);
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
    }

    boolean isTrue(String key) {
        return value(key).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** {@code Prune=false}, or {@code Prune=confirm} (which Capstan does not support yet, so it never prunes). */
    boolean forbidsPrune() {
        return value("Prune").map(value -> value.equalsIgnoreCase("false") || value.equalsIgnoreCase("confirm")).orElse(false);
    }

    /** How the object forbids pruning, for the skip reason: {@code Prune=false}. */
    String pruneSetting() {
        return "Prune=" + value("Prune").orElse("true");
    }

    boolean pruneLast() {
        return isTrue("PruneLast");
    }

    boolean replace() {
        return isTrue("Replace");
    }

    boolean force() {
        return isTrue("Force");
    }

    /** {@code Validate=false} turns the server's field validation off for this object. */
    boolean validate() {
        return !value("Validate").map("false"::equalsIgnoreCase).orElse(false);
    }
}
