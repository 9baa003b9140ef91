package dev.capstan.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;

import tools.jackson.databind.node.ObjectNode;

/**
 * The inventory of an application applied from the command line: the keys of the objects it
 * applied, kept in the ConfigMap {@code capstan-app-<name>} of the default namespace, so that a
 * later apply knows what to prune even for kinds it no longer renders. (Applications managed by
 * the controller keep their inventory in their status instead.)
 */
final class ConfigMapInventory {

    private static final String KEY = "resources";
    private static final String SEPARATOR = " ";

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

    List<ResourceKey> load() {
        Optional<Manifest> stored = cluster.get(key());
        var keys = new ArrayList<ResourceKey>();
        stored.ifPresent(configMap -> configMap.string("/data/" + KEY).lines().filter(line -> !line.isBlank())
                .forEach(line -> keys.add(parse(line))));
        return keys;
    }

    void save(Collection<ResourceKey> keys) {
        var text = new StringBuilder();
        keys.stream().sorted().forEach(key -> text.append(format(key)).append('\n'));
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

    private static String format(ResourceKey key) {
        return String.join(SEPARATOR, key.group().isEmpty() ? "-" : key.group(), key.kind(),
                key.namespace().isEmpty() ? "-" : key.namespace(), key.name());
    }

    private static ResourceKey parse(String line) {
        String[] parts = line.strip().split(SEPARATOR);
        if (parts.length != 4) {
            throw new UserError("the inventory ConfigMap has a malformed line: " + line);
        }
        return ResourceKey.of(new GroupKind(parts[0].equals("-") ? "" : parts[0], parts[1]),
                parts[2].equals("-") ? "" : parts[2], parts[3]);
    }
}
