package dev.capstan.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.DestinationNamespace;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ResourceType;
import dev.capstan.engine.sync.Tracking;
import dev.capstan.kube.Fabric8ClusterClient;

/**
 * An application given on the command line: a directory rendered, its objects placed in the
 * destination namespace and marked as the application's, against the cluster of a kubeconfig,
 * with the inventory of what an earlier {@code capstan apply} of it applied.
 */
final class LocalApplication implements AutoCloseable {

    final String name;
    final String namespace;
    final KubernetesClient client;
    final ClusterClient cluster;
    final ConfigMapInventory inventory;
    final List<Manifest> desired;

    LocalApplication(String name, SourceOptions source, ClusterOptions clusterOptions, PrintWriter err) {
        this.name = name;
        List<Manifest> rendered = source.render(err);
        this.client = clusterOptions.connect();
        try {
            this.namespace = clusterOptions.namespace(client);
            this.cluster = new Fabric8ClusterClient(client);
            this.inventory = new ConfigMapInventory(cluster, name, namespace);
            var tracking = new Tracking(name);
            this.desired = DestinationNamespace.apply(rendered, namespace,
                            kind -> cluster.resourceType(kind).map(ResourceType::namespaced))
                    .stream().map(tracking::mark).toList();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The keys this application applied before and may have to prune. */
    List<ResourceKey> tracked() {
        return inventory.load();
    }

    /** The live objects of the desired keys, the tracked keys and the destination namespace. */
    Map<ResourceKey, Manifest> live(List<ResourceKey> tracked) {
        Set<ResourceKey> keys = new LinkedHashSet<>();
        desired.forEach(manifest -> keys.add(manifest.key()));
        keys.addAll(tracked);
        keys.add(new ResourceKey("", "Namespace", "", namespace));
        var live = new LinkedHashMap<ResourceKey, Manifest>();
        for (ResourceKey key : keys) {
            cluster.get(key).ifPresent(object -> live.put(key, object));
        }
        return live;
    }

    @Override
    public void close() {
        client.close();
    }
}
