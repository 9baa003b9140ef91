package dev.capstan.engine;

import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of one Kubernetes object: group, kind, namespace and name. The namespace is the
 * empty string for cluster-scoped objects. Every message names an object through
 * {@link #toString()}, as {@code kind/namespace/name} (or {@code kind/name} when cluster-scoped).
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind).thenComparing(ResourceKey::namespace).thenComparing(ResourceKey::name);

    public ResourceKey {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    public static ResourceKey of(GroupKind groupKind, String namespace, String name) {
        return new ResourceKey(groupKind.group(), groupKind.kind(), namespace, name);
    }

    public GroupKind groupKind() {
        return new GroupKind(group, kind);
    }

    public boolean isNamespaced() {
        return !namespace.isEmpty();
    }

    public ResourceKey withNamespace(String newNamespace) {
        return new ResourceKey(group, kind, newNamespace, name);
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        String kindName = group.isEmpty() ? kind : kind + "." + group;
        return namespace.isEmpty() ? kindName + "/" + name : kindName + "/" + namespace + "/" + name;
    }
}
