package dev.capstan.engine.health;

import java.util.OptionalLong;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A StatefulSet is healthy when its controller has seen the latest spec, every desired pod is
 * ready, and the pods its update strategy asks to update are at the new revision: all of them
 * for a rolling update, those at or above the partition for a partitioned one, none for
 * {@code OnDelete} (pods change only when someone deletes them). Follows {@code kubectl rollout
 * status} as Argo CD does.
 */
final class StatefulSetHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var set = LiveObject.of(live);
        if (set.observedGeneration() == 0 || set.generation() > set.observedGeneration()) {
            return Health.progressing("Waiting for the statefulset controller to observe generation %d (it has seen %d)"
                    .formatted(set.generation(), set.observedGeneration()));
        }
        OptionalLong desired = set.optionalNumber("/spec/replicas");
        long ready = set.number("/status/readyReplicas");
        long updated = set.number("/status/updatedReplicas");
        if (desired.isPresent() && ready < desired.getAsLong()) {
            return Health.progressing("Waiting for pods to become ready: %d of %d ready".formatted(ready, desired.getAsLong()));
        }
        String strategy = set.text("/spec/updateStrategy/type");
        if ((strategy.isEmpty() || strategy.equals("RollingUpdate")) && set.has("/spec/updateStrategy/rollingUpdate")) {
            return partitionedRollout(set, desired, updated);
        }
        if (strategy.equals("OnDelete")) {
            return Health.healthy("%d pods ready; %d at the new revision (OnDelete: pods update only when deleted)".formatted(ready, updated));
        }
        String updateRevision = set.text("/status/updateRevision");
        if (!updateRevision.equals(set.text("/status/currentRevision"))) {
            return Health.progressing("Waiting for rolling update: %d pods at revision %s".formatted(updated, updateRevision));
        }
        return Health.healthy("rolling update complete: %d pods at revision %s".formatted(set.number("/status/currentReplicas"), updateRevision));
    }

    private static Health partitionedRollout(LiveObject set, OptionalLong desired, long updated) {
        OptionalLong partition = set.optionalNumber("/spec/updateStrategy/rollingUpdate/partition");
        if (desired.isPresent() && partition.isPresent()) {
            long toUpdate = Math.max(0, desired.getAsLong() - partition.getAsLong());
            if (updated < toUpdate) {
                return Health.progressing(partition.getAsLong() == 0
                        ? "Waiting for rollout: %d of %d pods updated".formatted(updated, toUpdate)
                        : "Waiting for partitioned rollout: %d of %d pods at or above partition %d updated"
                                .formatted(updated, toUpdate, partition.getAsLong()));
            }
            if (partition.getAsLong() > 0) {
                return Health.healthy("partitioned rollout complete: %d pods updated, %d held back by partition %d"
                        .formatted(updated, desired.getAsLong() - toUpdate, partition.getAsLong()));
            }
        }
        return Health.healthy("rollout complete: %d pods updated".formatted(updated));
    }
}
