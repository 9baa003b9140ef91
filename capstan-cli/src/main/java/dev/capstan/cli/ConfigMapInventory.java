package dev.capstan.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.sync.AppliedFingerprint;

import tools.jackson.databind.node.ObjectNode;

/**
 * The inventory of an application applied from the command line: the keys of the objects it
 * applied, each with the fingerprint of its last apply (so an unchanged object is not applied
 * again), kept in the ConfigMap {@code capstan-app-<name>} of the default namespace. A later
 * apply knows from it what to prune, even of kinds it no longer renders. (Applications managed
 * by the controller keep their inventory in their status instead.)
 */
final class ConfigMapInventory {

    private static final String KEY = "resources";
    private static final String SEPARATOR = " ";
    private static final String NONE = "-";

    private final ClusterClient cluster;
    private final String app;
    private final String namespace;

    ConfigMapInventory(ClusterClient cluster, String app, String namespace) {
        this.cluster = cluster;
        this.app = app;
        this.namespace = namespace;
    }

    ResourceKey key() {
        return new ResourceKey("", "ConfigMap", namespace, "capstan-app-" + app);
    }

    /** Tracked keys, in order, each with the fingerprint of its last apply if known. */
    Map<ResourceKey, Optional<AppliedFingerprint>> load() {
        Optional<Manifest> stored = cluster.get(key());
        var entries = new LinkedHashMap<ResourceKey, Optional<AppliedFingerprint>>();
        stored.ifPresent(configMap -> configMap.string("/data/" + KEY).lines().filter(line -> !line.isBlank())
                .forEach(line -> parse(line, entries)));
        return entries;
    }

    void save(Map<ResourceKey, Optional<AppliedFingerprint>> entries) {
        var text = new StringBuilder();
        entries.keySet().stream().sorted().forEach(key -> text.append(format(key, entries.get(key))).append('\n'));
        Manifest configMap = Manifest.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                  labels: {capstan.dev/inventory-of: %s}
                data: {}
                """.formatted(key().name(), namespace, app))
                .with(object -> ((ObjectNode) object.get("data")).put(KEY, text.toString()));
        cluster.apply(configMap, ApplyOptions.defaults());
    }

    private static String format(ResourceKey key, Optional<AppliedFingerprint> fingerprint) {
        return String.join(SEPARATOR, orNone(key.group()), key.kind(), orNone(key.namespace()), key.name(),
                fingerprint.map(AppliedFingerprint::desiredHash).orElse(NONE),
                fingerprint.map(AppliedFingerprint::fieldsHash).orElse(NONE));
    }

    private static void parse(String line, Map<ResourceKey, Optional<AppliedFingerprint>> entries) {
        String[] parts = line.strip().split(SEPARATOR);
        if (parts.length != 4 && parts.length != 6) {
            throw new UserError("the inventory ConfigMap has a malformed line: " + line);
        }
        var key = ResourceKey.of(new GroupKind(fromNone(parts[0]), parts[1]), fromNone(parts[2]), parts[3]);
        Optional<AppliedFingerprint> fingerprint = parts.length == 6 && !parts[4].equals(NONE)
                ? Optional.of(new AppliedFingerprint(parts[4], parts[5]))
                : Optional.empty();
        entries.put(key, fingerprint);
    }

    private static String orNone(String text) {
        return text.isEmpty() ? NONE : text;
    }

    private static String fromNone(String text) {
        return text.equals(NONE) ? "" : text;
    }
}
