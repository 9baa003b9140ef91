package dev.capstan.cli;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.kube.Fabric8ClusterClient;

/** A connection to the cluster made only if something asks for it; closed with the command. */
final class LazyConnection implements AutoCloseable {

    private final ClusterOptions options;
    private KubernetesClient client;
    private ClusterClient cluster;

    LazyConnection(ClusterOptions options) {
        this.options = options;
    }

    ClusterClient cluster() {
        if (cluster == null) {
            client = options.connect();
            cluster = new Fabric8ClusterClient(client);
        }
        return cluster;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
