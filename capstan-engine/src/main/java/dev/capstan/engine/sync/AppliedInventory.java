package dev.capstan.engine.sync;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/**
 * What an application applied, by object, with the fingerprint of each apply: the one rule for
 * which desired objects need a look (or an apply) and for what the inventory holds after a sync.
 * The CLI keeps the inventory in a ConfigMap, the controller in the Application's status.
 */
public final class AppliedInventory {

    private AppliedInventory() {
    }

    /**
     * The desired objects that applying could change: those without a fingerprint of their last
     * apply, or whose fingerprint no longer matches (changed in Git, or a field of ours written by
     * someone else). The rest are in sync, known without a request.
     */
    public static Set<ResourceKey> unconfirmed(List<Manifest> desired, Function<ResourceKey, Optional<Manifest>> live,
                                               Map<ResourceKey, Optional<AppliedFingerprint>> tracked) {
        Set<ResourceKey> changed = new LinkedHashSet<>();
        for (Manifest manifest : desired) {
            ResourceKey key = manifest.key();
            Optional<Manifest> current = live.apply(key);
            boolean unchanged = current.isPresent() && tracked.getOrDefault(key, Optional.empty())
                    .map(fingerprint -> fingerprint.matches(manifest, current.get())).orElse(false);
            if (!unchanged) {
                changed.add(key);
            }
        }
        return changed;
    }

    /**
     * What the application tracks after a sync: every desired object (not hooks) with the
     * fingerprint of this sync's write, or of the earlier one when it was skipped as in sync; and
     * whatever tracked object was not pruned.
     */
    public static Map<ResourceKey, Optional<AppliedFingerprint>> after(List<Manifest> desired,
            Map<ResourceKey, Optional<AppliedFingerprint>> tracked, SyncState state, Map<ResourceKey, AppliedFingerprint> written) {
        Set<ResourceKey> pruned = new LinkedHashSet<>();
        Set<ResourceKey> inSync = new LinkedHashSet<>();
        for (TaskResult result : state.tasks()) {
            if (result.action() == SyncAction.PRUNE && result.status() == TaskStatus.SUCCEEDED) {
                pruned.add(result.key());
            }
            if (result.action() == SyncAction.SKIP && result.message().equals(SyncTask.IN_SYNC)) {
                inSync.add(result.key());
            }
        }
        Map<ResourceKey, Optional<AppliedFingerprint>> entries = new LinkedHashMap<>();
        for (Manifest manifest : desired) {
            ResourceKey key = manifest.key();
            if (Hooks.isHook(manifest)) {
                continue;
            }
            Optional<AppliedFingerprint> fingerprint = Optional.ofNullable(written.get(key))
                    .or(() -> inSync.contains(key) ? tracked.getOrDefault(key, Optional.empty()) : Optional.empty());
            entries.put(key, fingerprint);
        }
        tracked.forEach((key, fingerprint) -> {
            if (!pruned.contains(key)) {
                entries.putIfAbsent(key, fingerprint);
            }
        });
        return entries;
    }

    /** A listener that collects the fingerprint of every object a sync writes (hooks aside). */
    public static final class Fingerprints implements SyncListener {
        private final Map<ResourceKey, AppliedFingerprint> written = new ConcurrentHashMap<>();

        @Override
        public void objectWritten(SyncTask task, Manifest result) {
            if (!task.isHook()) {
                written.put(task.key(), AppliedFingerprint.of(task.manifest(), result));
            }
        }

        public Map<ResourceKey, AppliedFingerprint> written() {
            return Map.copyOf(written);
        }
    }
}
