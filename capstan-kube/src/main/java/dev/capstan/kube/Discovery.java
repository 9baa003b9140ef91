package dev.capstan.kube;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.cluster.ClusterClient.ResourceType;

/**
 * What kinds the server serves, read from discovery one group at a time and kept. A kind that is
 * not known makes its group be read again, so a CRD created a moment ago is found.
 */
final class Discovery {

    private final KubernetesClient client;
    private final Map<GroupKind, ResourceType> known = new ConcurrentHashMap<>();

    Discovery(KubernetesClient client) {
        this.client = client;
    }

    Optional<ResourceType> find(GroupKind kind) {
        ResourceType type = known.get(kind);
        if (type != null) {
            return Optional.of(type);
        }
        readGroup(kind.group());
        return Optional.ofNullable(known.get(kind));
    }

    /** Forgets what is known of a group, e.g. after one of its CRDs was deleted. */
    void forgetGroup(String group) {
        known.keySet().removeIf(kind -> kind.group().equals(group));
    }

    private void readGroup(String group) {
        try {
            if (group.isEmpty()) {
                record("", "v1", client.getApiResources("v1"));
                return;
            }
            APIGroup apiGroup = client.getApiGroup(group);
            if (apiGroup == null || apiGroup.getPreferredVersion() == null) {
                return;
            }
            String groupVersion = apiGroup.getPreferredVersion().getGroupVersion();
            record(group, apiGroup.getPreferredVersion().getVersion(), client.getApiResources(groupVersion));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw ApiErrors.classify(null, "discover API group " + (group.isEmpty() ? "core" : group), e);
            }
        }
    }

    private void record(String group, String version, APIResourceList resources) {
        if (resources == null) {
            return;
        }
        for (APIResource resource : resources.getResources()) {
            if (resource.getName().contains("/")) {
                continue; // subresources such as deployments/status
            }
            var kind = new GroupKind(group, resource.getKind());
            known.put(kind, new ResourceType(kind, version, resource.getName(), Boolean.TRUE.equals(resource.getNamespaced())));
        }
    }
}
