package dev.capstan.engine.diff;

import java.util.List;
import java.util.Objects;

import dev.capstan.engine.ResourceKey;

/**
 * Fields to leave out of the comparison for matching objects: by JSON pointer, or every field
 * that one of the named field managers owns (say, a controller that scales a Deployment).
 * {@code group} (empty for the core group) and {@code kind} must match; an empty
 * {@code namespace} or {@code name} matches any.
 */
public record IgnoreDifferences(String group, String kind, String namespace, String name,
                                List<String> jsonPointers, List<String> managedFieldsManagers) {

    public IgnoreDifferences {
        group = Objects.requireNonNullElse(group, "");
        Objects.requireNonNull(kind, "kind");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
        jsonPointers = List.copyOf(Objects.requireNonNullElse(jsonPointers, List.of()));
        managedFieldsManagers = List.copyOf(Objects.requireNonNullElse(managedFieldsManagers, List.of()));
        for (String pointer : jsonPointers) {
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw new IllegalArgumentException("ignoreDifferences for " + kind
                        + ": a JSON pointer starts with '/', not: " + pointer);
            }
        }
    }

    public boolean matches(ResourceKey key) {
        return kind.equals(key.kind()) && group.equals(key.group())
                && (namespace.isEmpty() || namespace.equals(key.namespace()))
                && (name.isEmpty() || name.equals(key.name()));
    }
}
