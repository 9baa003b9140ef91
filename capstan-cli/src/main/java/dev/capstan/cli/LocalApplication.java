package dev.capstan.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.DestinationNamespace;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ResourceType;
import dev.capstan.engine.sync.AppliedFingerprint;
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
    private final Tracking tracking;

    LocalApplication(String name, SourceOptions source, ClusterOptions clusterOptions, PrintWriter err) {
        this.name = name;
        this.tracking = new Tracking(name);
        List<Manifest> rendered = source.render(err);
        this.client = clusterOptions.connect();
        try {
            this.namespace = clusterOptions.namespace(client);
            this.cluster = new Fabric8ClusterClient(client);
            this.inventory = new ConfigMapInventory(cluster, name, namespace);
            this.desired = DestinationNamespace.apply(rendered, namespace,
                            kind -> cluster.resourceType(kind).map(ResourceType::namespaced))
                    .stream().map(tracking::mark).toList();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The keys this application applied before (and may have to prune), with the fingerprints of those applies. */
    Map<ResourceKey, Optional<AppliedFingerprint>> tracked() {
        return inventory.load();
    }

    /**
     * The live objects of the desired keys, the tracked keys and the destination namespace. One
     * list request per kind, selected by the application's label, instead of a request per object;
     * objects without the label (not applied by this application yet) are then applied as new,
     * which server-side apply does right whether they exist or not.
     */
    Map<ResourceKey, Manifest> live(Collection<ResourceKey> tracked) {
        Set<ResourceKey> keys = new LinkedHashSet<>();
        desired.forEach(manifest -> keys.add(manifest.key()));
        keys.addAll(tracked);
        String selector = tracking.selector();
        var live = new LinkedHashMap<ResourceKey, Manifest>();
        Set<GroupKind> kinds = new LinkedHashSet<>();
        keys.forEach(key -> kinds.add(key.groupKind()));
        for (GroupKind kind : kinds) {
            if (cluster.resourceType(kind).isEmpty()) {
                continue; // not served yet: a CRD of this sync defines it, so nothing of it is live
            }
            for (Manifest object : cluster.list(kind, "", selector)) {
                if (keys.contains(object.key())) {
                    live.put(object.key(), object);
                }
            }
        }
        var destination = new ResourceKey("", "Namespace", "", namespace);
        cluster.get(destination).ifPresent(object -> live.put(destination, object));
        return live;
    }

    @Override
    public void close() {
        client.close();
    }
}
