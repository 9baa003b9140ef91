package dev.capstan.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;
import dev.capstan.engine.diff.ResourceDiff;
import dev.capstan.engine.health.HealthAssessment;
import dev.capstan.engine.health.HealthAssessor;

/**
 * How an application's desired objects stand against the live ones: per object its sync status
 * and health, the objects to sync, and the live objects Git no longer has.
 *
 * @param resources one row per desired object (hooks aside), then one per object to prune
 * @param outOfSync the desired objects that differ from (or are missing in) the cluster
 * @param orphans   live objects this application applied that Git no longer has
 * @param diffs     the differences found by a dry run, by object (objects confirmed by fingerprint have none)
 */
record Comparison(List<Row> resources, Set<ResourceKey> outOfSync, Set<ResourceKey> orphans,
                  Map<ResourceKey, ResourceDiff> diffs, Health health) {

    record Row(ResourceKey key, String version, SyncStatus status, Optional<HealthAssessment> health, boolean requiresPruning) {
    }

    SyncStatus status() {
        return outOfSync.isEmpty() && orphans.isEmpty() ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC;
    }

    /**
     * @param desired    the desired objects, hooks excluded, ready to apply
     * @param live       the live objects by key (from the cache)
     * @param unconfirmed desired objects whose applied fingerprint does not match the live object (or that have none)
     * @param diffs      dry-run comparisons of the desired objects that exist but are not confirmed
     * @param orphans    live objects of the application no longer desired
     */
    static Comparison of(List<Manifest> desired, Map<ResourceKey, Manifest> live, Set<ResourceKey> unconfirmed,
                         Map<ResourceKey, ResourceDiff> diffs, List<Manifest> orphans, HealthAssessor assessor) {
        List<Row> rows = new ArrayList<>();
        Set<ResourceKey> outOfSync = new LinkedHashSet<>();
        List<HealthAssessment> assessments = new ArrayList<>();
        for (Manifest manifest : desired) {
            ResourceKey key = manifest.key();
            Manifest current = live.get(key);
            SyncStatus status;
            if (current == null) {
                status = SyncStatus.MISSING;
            } else if (!unconfirmed.contains(key)) {
                status = SyncStatus.SYNCED;
            } else {
                ResourceDiff diff = diffs.get(key);
                status = diff == null ? SyncStatus.OUT_OF_SYNC : diff.status();
            }
            if (status != SyncStatus.SYNCED) {
                outOfSync.add(key);
            }
            Optional<HealthAssessment> health = current == null ? Optional.of(HealthAssessment.missing(key))
                    : Optional.of(assessor.assess(current));
            health.ifPresent(assessments::add);
            rows.add(new Row(key, version(manifest), status, health, false));
        }
        Set<ResourceKey> orphanKeys = new LinkedHashSet<>();
        for (Manifest orphan : orphans) {
            orphanKeys.add(orphan.key());
            rows.add(new Row(orphan.key(), version(orphan), SyncStatus.REQUIRES_PRUNING, Optional.of(assessor.assess(orphan)), true));
        }
        Health health = desired.isEmpty() ? Health.healthy("nothing to deploy") : HealthAssessor.aggregate(assessments);
        return new Comparison(List.copyOf(rows), outOfSync, orphanKeys, Map.copyOf(new LinkedHashMap<>(diffs)), health);
    }

    private static String version(Manifest manifest) {
        String apiVersion = manifest.apiVersion();
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }
}
