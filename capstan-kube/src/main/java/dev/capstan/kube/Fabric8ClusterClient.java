package dev.capstan.kube;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.cluster.ClusterException.Reason;

import tools.jackson.databind.node.ObjectNode;

/** {@link ClusterClient} on the fabric8 client: generic resources, server-side apply, discovery. */
public final class Fabric8ClusterClient implements ClusterClient {

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final Discovery discovery;

    public Fabric8ClusterClient(KubernetesClient client) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
        this.discovery = new Discovery(client);
    }

    @Override
    public Optional<Manifest> get(ResourceKey key) {
        Optional<ResourceType> type = resourceType(key.groupKind());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            GenericKubernetesResource live = scoped(type.get(), key.namespace()).withName(key.name()).get();
            return Optional.ofNullable(live).map(this::toManifest);
        } catch (RuntimeException e) {
            throw ApiErrors.classify(key, "get", e);
        }
    }

    @Override
    public List<Manifest> list(GroupKind kind, String namespace, String labelSelector) {
        ResourceType type = resourceType(kind).orElseThrow(() -> unknownKind(kind, null));
        try {
            var operation = operation(type);
            GenericKubernetesResourceList list;
            if (!type.namespaced() || namespace.isEmpty()) {
                var all = type.namespaced() ? operation.inAnyNamespace() : operation;
                list = labelSelector.isEmpty() ? all.list() : all.withLabelSelector(labelSelector).list();
            } else {
                var inNamespace = operation.inNamespace(namespace);
                list = labelSelector.isEmpty() ? inNamespace.list() : inNamespace.withLabelSelector(labelSelector).list();
            }
            return list.getItems().stream().map(this::toManifest).toList();
        } catch (RuntimeException e) {
            throw ApiErrors.classify(null, "list " + kind, e);
        }
    }

    @Override
    public Manifest apply(Manifest desired, ApplyOptions options) {
        ResourceKey key = desired.key();
        ResourceType type = resourceType(key.groupKind()).orElseThrow(() -> unknownKind(key.groupKind(), key));
        GenericKubernetesResource object = toResource(desired, type);
        try {
            Resource<GenericKubernetesResource> resource = scoped(type, key.namespace()).resource(object);
            NonDeletingOperation<GenericKubernetesResource> operation = options.validate()
                    ? resource.dryRun(options.dryRun())
                    : resource.dryRun(options.dryRun()).fieldValidation(Validation.IGNORE);
            var applier = operation.fieldManager(options.fieldManager());
            GenericKubernetesResource result = options.force() ? applier.forceConflicts().serverSideApply() : applier.serverSideApply();
            return toManifest(result);
        } catch (RuntimeException e) {
            throw ApiErrors.classify(key, options.dryRun() ? "dry-run apply" : "apply", e);
        }
    }

    @Override
    public Manifest replace(Manifest desired, boolean dryRun) {
        ResourceKey key = desired.key();
        ResourceType type = resourceType(key.groupKind()).orElseThrow(() -> unknownKind(key.groupKind(), key));
        try {
            var operation = scoped(type, key.namespace());
            GenericKubernetesResource live = operation.withName(key.name()).get();
            GenericKubernetesResource object = toResource(desired, type);
            if (live == null) {
                return toManifest(dryRun ? operation.resource(object).dryRun().create() : operation.resource(object).create());
            }
            object.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
            var resource = operation.resource(object);
            return toManifest(dryRun ? resource.dryRun().update() : resource.update());
        } catch (RuntimeException e) {
            throw ApiErrors.classify(key, dryRun ? "dry-run replace" : "replace", e);
        }
    }

    @Override
    public boolean delete(ResourceKey key, DeleteOptions options) {
        Optional<ResourceType> type = resourceType(key.groupKind());
        if (type.isEmpty()) {
            return false;
        }
        try {
            var resource = scoped(type.get(), key.namespace()).withName(key.name());
            var propagation = switch (options.propagation()) {
                case FOREGROUND -> DeletionPropagation.FOREGROUND;
                case BACKGROUND -> DeletionPropagation.BACKGROUND;
                case ORPHAN -> DeletionPropagation.ORPHAN;
            };
            var deletion = options.dryRun() ? resource.dryRun().withPropagationPolicy(propagation)
                    : resource.withPropagationPolicy(propagation);
            boolean deleted = !deletion.delete().isEmpty();
            if (deleted && !options.dryRun() && key.group().equals("apiextensions.k8s.io")
                    && key.kind().equals("CustomResourceDefinition")) {
                discovery.forgetGroup(key.name().substring(key.name().indexOf('.') + 1));
            }
            return deleted;
        } catch (RuntimeException e) {
            throw ApiErrors.classify(key, options.dryRun() ? "dry-run delete" : "delete", e);
        }
    }

    @Override
    public Optional<ResourceType> resourceType(GroupKind kind) {
        return discovery.find(kind);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operation(
            ResourceType type) {
        return client.genericKubernetesResources(GenericResources.context(type));
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scoped(
            ResourceType type, String namespace) {
        var operation = operation(type);
        if (!type.namespaced()) {
            return operation;
        }
        if (namespace.isEmpty()) {
            throw new ClusterException(Reason.INVALID, null, type.kind() + " is namespaced but the object has no namespace", null);
        }
        return operation.inNamespace(namespace);
    }

    private GenericKubernetesResource toResource(Manifest manifest, ResourceType type) {
        ObjectNode object = manifest.copyObject();
        if (!type.namespaced() && object.at("/metadata").isObject()) {
            ((ObjectNode) object.get("metadata")).remove("namespace");
        }
        return serialization.convertValue(object, GenericKubernetesResource.class);
    }

    private Manifest toManifest(GenericKubernetesResource resource) {
        return GenericResources.toManifest(serialization, resource);
    }

    private static ClusterException unknownKind(GroupKind kind, ResourceKey key) {
        return new ClusterException(Reason.UNKNOWN_KIND, key,
                "the server does not serve " + kind + " (is its CustomResourceDefinition installed and established?)", null);
    }
}
