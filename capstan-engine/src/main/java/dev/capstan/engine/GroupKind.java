package dev.capstan.engine;

import java.util.Objects;

/** A kind within an API group; the core group is the empty string. Versions do not matter here. */
public record GroupKind(String group, String kind) {

    public GroupKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
    }

    public static GroupKind core(String kind) {
        return new GroupKind("", kind);
    }

    /** The group of an {@code apiVersion} such as {@code apps/v1} ({@code apps}) or {@code v1} (core). */
    public static GroupKind of(String apiVersion, String kind) {
        return new GroupKind(groupOf(apiVersion), kind);
    }

    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public boolean isCore() {
        return group.isEmpty();
    }

    /** {@code Deployment.apps}, or {@code ConfigMap} for the core group. */
    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
