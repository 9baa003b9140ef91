package dev.capstan.controller;

import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The destination cluster's Kubernetes version ({@code v1.36.3}), which Helm templates see as
 * {@code .Capabilities.KubeVersion}: asked of the API server the first time a chart is rendered
 * and kept; asked again after a failure, which leaves Helm's default until then.
 */
final class KubeVersion implements Supplier<String> {

    private final KubernetesClient client;
    private volatile String version;

    private KubeVersion(KubernetesClient client) {
        this.client = client;
    }

    static KubeVersion of(KubernetesClient client) {
        return new KubeVersion(client);
    }

    @Override
    public String get() {
        String known = version;
        if (known != null) {
            return known;
        }
        try {
            var info = client.getKubernetesVersion();
            known = info == null || info.getGitVersion() == null ? "" : info.getGitVersion();
        } catch (KubernetesClientException e) {
            return "";
        }
        version = known;
        return known;
    }
}
