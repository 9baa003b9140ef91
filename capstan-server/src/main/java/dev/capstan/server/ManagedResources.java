package dev.capstan.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.diff.ResourceComparer;
import dev.capstan.engine.diff.UnifiedDiff;
import dev.capstan.engine.sync.Hooks;

import tools.jackson.databind.node.ObjectNode;

/**
 * Desired against live, per managed object of an application, for the UI's diff view: the
 * desired manifests as the controller's last reconcile placed them, the live objects read whole
 * from the API server, the prediction of a server-side dry run (as the controller compares), both
 * normalised the way the comparer sees them, and a unified diff of their YAML. Objects to prune
 * come from the status. Every state of a Secret is masked with one {@link SecretMasking}.
 */
final class ManagedResources {

    /** One item of the contract's {@code managed-resources} answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String group, String kind, String namespace, String name, String status, boolean hook, boolean requiresPruning,
                String liveState, String targetState, String normalizedLiveState, String predictedLiveState, String diff) {
    }

    private final ClusterClient cluster;

    ManagedResources(ClusterClient cluster) {
        this.cluster = cluster;
    }

    /**
     * @param desired the placed desired manifests of the last reconcile, empty before the first
     */
    List<Item> of(Application application, Optional<List<Manifest>> desired) {
        var comparer = new ResourceComparer(dev.capstan.controller.ApplicationDiff.ignoreDifferences(application));
        Map<ResourceKey, ResourceStatus> rows = new LinkedHashMap<>();
        List<ResourceStatus> statusRows = application.getStatus() == null || application.getStatus().getResources() == null
                ? List.of() : application.getStatus().getResources();
        for (ResourceStatus row : statusRows) {
            rows.put(key(row), row);
        }
        List<Item> items = new ArrayList<>();
        for (Manifest manifest : desired.orElse(List.of())) {
            if (Hooks.isHook(manifest)) {
                continue;
            }
            ResourceKey key = manifest.key();
            ResourceStatus row = rows.remove(key);
            items.add(compare(comparer, key, Optional.of(manifest), row));
        }
        for (var remaining : rows.entrySet()) {
            boolean prune = Boolean.TRUE.equals(remaining.getValue().getRequiresPruning());
            if (prune || desired.isEmpty()) {
                items.add(compare(comparer, remaining.getKey(), Optional.empty(), remaining.getValue()));
            }
        }
        return List.copyOf(items);
    }

    private Item compare(ResourceComparer comparer, ResourceKey key, Optional<Manifest> target, ResourceStatus row) {
        Optional<Manifest> live = cluster.get(key);
        Optional<Manifest> predicted = target.isEmpty() ? Optional.empty()
                : live.isEmpty() ? target : Optional.of(predict(target.get()));
        var normalized = live.isEmpty() && predicted.isEmpty() ? new ResourceComparer.Normalized(null, null)
                : comparer.normalized(key, predicted, live);
        var masking = new SecretMasking();
        ObjectNode liveObject = masking.mask(live.map(Manifest::copyObject).orElse(null));
        ObjectNode targetObject = masking.mask(target.map(Manifest::copyObject).orElse(null));
        ObjectNode normalizedLive = masking.mask(normalized.live());
        ObjectNode normalizedPredicted = masking.mask(normalized.predicted());
        String diff = UnifiedDiff.of(key.toString(), yaml(normalizedLive), yaml(normalizedPredicted));
        String status = row != null && row.getStatus() != null ? row.getStatus()
                : live.isEmpty() ? SyncStatus.MISSING.display()
                : target.isEmpty() ? SyncStatus.REQUIRES_PRUNING.display()
                : diff.isEmpty() ? SyncStatus.SYNCED.display() : SyncStatus.OUT_OF_SYNC.display();
        return new Item(key.group(), key.kind(), key.namespace(), key.name(), status, false,
                row != null && Boolean.TRUE.equals(row.getRequiresPruning()),
                json(liveObject), json(targetObject), json(normalizedLive), json(normalizedPredicted), diff);
    }

    /** What the server would store if the desired object were applied now; the desired one when the server refuses the dry run. */
    private Manifest predict(Manifest desired) {
        try {
            return cluster.apply(desired, ApplyOptions.defaults().asDryRun());
        } catch (RuntimeException e) {
            return desired;
        }
    }

    private static ResourceKey key(ResourceStatus row) {
        return new ResourceKey(Objects.requireNonNullElse(row.getGroup(), ""), row.getKind(),
                Objects.requireNonNullElse(row.getNamespace(), ""), row.getName());
    }

    private static String json(ObjectNode object) {
        return object == null ? "null" : ManifestFormat.JSON.writeValueAsString(object);
    }

    private static String yaml(ObjectNode object) {
        return object == null ? "" : ManifestFormat.YAML.writeValueAsString(object);
    }
}
