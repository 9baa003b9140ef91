package dev.capstan.controller.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * fabric8's store for an informer, holding a stub of each object (kind, name, namespace,
 * resourceVersion, uid): what a re-list compares. The objects themselves are kept elsewhere,
 * trimmed, once.
 */
final class StubStore implements ItemStore<GenericKubernetesResource> {
    private final Map<String, GenericKubernetesResource> stubs = new ConcurrentHashMap<>();

    @Override
    public String getKey(GenericKubernetesResource resource) {
        ObjectMeta metadata = resource.getMetadata();
        return metadata.getNamespace() == null ? metadata.getName() : metadata.getNamespace() + "/" + metadata.getName();
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource resource) {
        var stub = new GenericKubernetesResource();
        stub.setApiVersion(shared(resource.getApiVersion()));
        stub.setKind(shared(resource.getKind()));
        var metadata = new ObjectMeta();
        metadata.setName(shared(resource.getMetadata().getName()));
        metadata.setNamespace(shared(resource.getMetadata().getNamespace()));
        metadata.setResourceVersion(shared(resource.getMetadata().getResourceVersion()));
        metadata.setUid(shared(resource.getMetadata().getUid()));
        // fabric8's models make their maps and lists when built: shared empty ones instead, a few hundred bytes per object
        metadata.setLabels(Map.of());
        metadata.setAnnotations(Map.of());
        metadata.setAdditionalProperties(Map.of());
        metadata.setFinalizers(List.of());
        metadata.setManagedFields(List.of());
        metadata.setOwnerReferences(List.of());
        stub.setAdditionalProperties(Map.of());
        stub.setMetadata(metadata);
        return stubs.put(key, stub);
    }

    /** The same text as the compacted copy in the cache holds ({@code Manifest#compacted} shares it), kept once. */
    private static String shared(String text) {
        return text == null ? null : text.intern();
    }

    @Override
    public GenericKubernetesResource remove(String key) {
        return stubs.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return stubs.keySet().stream();
    }

    @Override
    public Stream<GenericKubernetesResource> values() {
        return stubs.values().stream();
    }

    @Override
    public int size() {
        return stubs.size();
    }

    @Override
    public GenericKubernetesResource get(String key) {
        return stubs.get(key);
    }

    /**
     * Not the objects themselves: so fabric8 hands each object of the first list to the event
     * handlers as it comes, rather than deferring the adds and handing over what the store holds
     * (which would be these stubs).
     */
    @Override
    public boolean isFullState() {
        return false;
    }
}
