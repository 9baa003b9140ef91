package dev.capstan.cli;

import java.nio.file.Path;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import dev.capstan.kube.ApiRequestCounter;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code capstan controller} and {@code capstan server} share: the cluster (a kubeconfig or
 * the pod's ServiceAccount), the namespace of the Applications, and where the HTTP API listens.
 */
final class NamespaceServiceOptions {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--in-cluster", description = "Use the pod's ServiceAccount instead of a kubeconfig.")
    boolean inCluster;

    @Option(names = "--app-namespace", paramLabel = "NAME", defaultValue = "${env:CAPSTAN_NAMESPACE:-capstan}",
            description = "Namespace of the Applications, AppProjects, repository Secrets, accounts and policy (default: ${DEFAULT-VALUE}).")
    String appNamespace;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the HTTP API and web UI (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int apiPort;

    @Option(names = "--api-address", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address the HTTP API and web UI listen on (default: ${DEFAULT-VALUE}).")
    String apiAddress;

    /** Requests the client sends, by verb and resource, for the API's {@code /metrics}. */
    final ApiRequestCounter requests = new ApiRequestCounter();

    /** The cluster's client, counting its requests in {@link #requests}. */
    KubernetesClient connect() {
        return inCluster
                ? new KubernetesClientBuilder().withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("capstan-request-counter", requests))
                        .build()
                : cluster.connection.connect(requests);
    }

    /** {@code dir} when given; otherwise {@code /var/cache/capstan/git} in a cluster, or {@code <home>/cache/<local>}. */
    Path cacheDirectory(Path dir, String local) {
        return dir != null ? dir : inCluster ? Path.of("/var/cache/capstan/git")
                : dev.capstan.localcluster.CapstanHome.fromEnvironment().root().resolve("cache").resolve(local);
    }
}
