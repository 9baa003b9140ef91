package dev.capstan.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the namespaced objects that name no namespace into an application's destination
 * namespace, as {@code kubectl apply -n} does. Whether a kind is namespaced comes from the
 * server's discovery, or, for a custom resource whose CRD is part of the same desired state and
 * not served yet, from that CRD's {@code spec.scope}; a kind known to neither is taken as
 * namespaced, as most custom resources are.
 */
public final class DestinationNamespace {

    private static final GroupKind CRD = new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition");

    private DestinationNamespace() {
    }

    /**
     * @param namespaced what the server says of a kind: namespaced or not, or empty when it does not serve it
     */
    public static List<Manifest> apply(List<Manifest> desired, String namespace,
                                       Function<GroupKind, Optional<Boolean>> namespaced) {
        Map<GroupKind, Boolean> declared = declaredScopes(desired);
        Map<GroupKind, Boolean> known = new HashMap<>();
        return desired.stream().map(manifest -> {
            if (!manifest.namespace().isEmpty()) {
                return manifest;
            }
            GroupKind kind = manifest.groupKind();
            boolean isNamespaced = known.computeIfAbsent(kind,
                    k -> namespaced.apply(k).orElseGet(() -> declared.getOrDefault(k, true)));
            return isNamespaced
                    ? manifest.with(object -> ((ObjectNode) object.get("metadata")).put("namespace", namespace))
                    : manifest;
        }).toList();
    }

    private static Map<GroupKind, Boolean> declaredScopes(List<Manifest> desired) {
        Map<GroupKind, Boolean> scopes = new HashMap<>();
        for (Manifest manifest : desired) {
            if (manifest.groupKind().equals(CRD)) {
                scopes.put(new GroupKind(manifest.string("/spec/group"), manifest.string("/spec/names/kind")),
                        !manifest.string("/spec/scope").equals("Cluster"));
            }
        }
        return scopes;
    }
}
