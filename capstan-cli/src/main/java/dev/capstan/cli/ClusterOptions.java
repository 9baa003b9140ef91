package dev.capstan.cli;

import io.fabric8.kubernetes.client.KubernetesClient;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which cluster a command talks to (a kubeconfig and context), and the namespace for objects that name none. */
final class ClusterOptions {

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAME",
            description = "Namespace for namespaced objects that name none (default: the context's, else default).")
    String namespace;

    KubernetesClient connect() {
        return connection.connect();
    }

    /** The namespace to put namespaced objects in when they name none. */
    String namespace(KubernetesClient client) {
        if (namespace != null && !namespace.isBlank()) {
            return namespace;
        }
        String configured = client.getConfiguration().getNamespace();
        return configured == null || configured.isBlank() ? "default" : configured;
    }
}
