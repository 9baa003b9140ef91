package dev.capstan.engine.diff;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;

import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares one resource's live object with its predicted one: what the server says the object
 * would be after applying the desired manifest (a server-side dry-run apply), so that defaults,
 * admission and fields owned by others are exactly as the server makes them. Pure: the dry run
 * happens elsewhere.
 */
public final class ResourceComparer {

    private final List<IgnoreDifferences> ignores;

    public ResourceComparer(List<IgnoreDifferences> ignores) {
        this.ignores = List.copyOf(ignores);
    }

    /**
     * @param key       the resource
     * @param predicted the desired object as the server would store it; for a resource that is
     *                  not live yet, the desired manifest itself; empty when no longer desired
     * @param live      the live object, empty when absent
     */
    public ResourceDiff compare(ResourceKey key, Optional<Manifest> predicted, Optional<Manifest> live) {
        if (predicted.isEmpty() && live.isEmpty()) {
            throw new IllegalArgumentException(key + ": neither desired nor live");
        }
        Normalized normalized = normalized(key, predicted, live);
        ObjectNode after = normalized.predicted();
        ObjectNode before = normalized.live();
        if (SecretMask.appliesTo(key.group(), key.kind())) {
            SecretMask.mask(before, after);
        }
        SyncStatus status = live.isEmpty() ? SyncStatus.MISSING
                : predicted.isEmpty() ? SyncStatus.REQUIRES_PRUNING
                : before.equals(after) ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC;
        if (status == SyncStatus.SYNCED) {
            return new ResourceDiff(key, status, "", List.of());
        }
        String diff = UnifiedDiff.of(key.toString(), yaml(before), yaml(after));
        List<String> paths = ChangedPaths.between(before == null ? MissingNode.getInstance() : before,
                after == null ? MissingNode.getInstance() : after);
        return new ResourceDiff(key, status, diff, paths);
    }

    /**
     * The two sides as they are compared, copies: ignored fields removed and server bookkeeping
     * normalised away, each null when absent. Secret values are NOT masked here: whoever shows
     * them masks them.
     */
    public record Normalized(ObjectNode live, ObjectNode predicted) {
    }

    /** The live and predicted objects of {@code key} normalised as {@link #compare} compares them, Secret values unmasked. */
    public Normalized normalized(ResourceKey key, Optional<Manifest> predicted, Optional<Manifest> live) {
        ObjectNode after = predicted.map(Manifest::copyObject).orElse(null);
        ObjectNode before = live.map(Manifest::copyObject).orElse(null);
        live.ifPresent(liveObject -> ignoreFields(key, liveObject, before, after));
        if (after != null) {
            Normalizer.normalize(after);
        }
        if (before != null) {
            Normalizer.normalize(before);
        }
        return new Normalized(before, after);
    }

    private void ignoreFields(ResourceKey key, Manifest live, ObjectNode before, ObjectNode after) {
        Set<String> managers = new HashSet<>();
        for (IgnoreDifferences ignore : ignores) {
            if (!ignore.matches(key)) {
                continue;
            }
            managers.addAll(ignore.managedFieldsManagers());
            for (String pointer : ignore.jsonPointers()) {
                JsonPointers.remove(before, pointer);
                JsonPointers.remove(after, pointer);
            }
        }
        if (!managers.isEmpty()) {
            ManagedFields.removeOwnedFields(live.at(""), managers, before);
            if (after != null) {
                ManagedFields.removeOwnedFields(live.at(""), managers, after);
            }
        }
    }

    private static String yaml(ObjectNode object) {
        return object == null ? "" : ManifestFormat.YAML.writeValueAsString(object);
    }
}
