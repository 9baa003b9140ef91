package dev.capstan.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.cluster.ClusterClient.ResourceType;

import tools.jackson.databind.node.ObjectNode;

/** Between the engine's vocabulary and fabric8's generic resources: one place for both directions. */
public final class GenericResources {

    private GenericResources() {
    }

    /** The fabric8 context addressing a kind the server serves. */
    public static ResourceDefinitionContext context(ResourceType type) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(type.kind().group())
                .withVersion(type.version())
                .withKind(type.kind().kind())
                .withPlural(type.plural())
                .withNamespaced(type.namespaced())
                .build();
    }

    /** A fabric8 generic resource as a manifest. */
    public static Manifest toManifest(KubernetesSerialization serialization, GenericKubernetesResource resource) {
        return Manifest.of(serialization.convertValue(resource, ObjectNode.class));
    }
}
