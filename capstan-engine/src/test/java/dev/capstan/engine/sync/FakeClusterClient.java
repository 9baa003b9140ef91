package dev.capstan.engine.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterException;

/**
 * A cluster in a map, for flow and ordering tests: apply stores the object as given (no merging,
 * no defaults, no field ownership: the real semantics are tested against a real API server).
 * Every write is logged ({@code apply ConfigMap/ns/a}); failures can be queued for a call.
 */
final class FakeClusterClient implements ClusterClient {

    interface Hook {
        void before(String call);
    }

    private final Map<ResourceKey, Manifest> store = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<ClusterException>> failures = Collections.synchronizedMap(new HashMap<>());
    private volatile Hook beforeWrite = call -> {
    };

    void put(Manifest live) {
        store.put(live.key(), live);
    }

    Optional<Manifest> stored(ResourceKey key) {
        return Optional.ofNullable(store.get(key));
    }

    List<String> log() {
        return List.copyOf(log);
    }

    void note(String entry) {
        log.add(entry);
    }

    /** The next calls named {@code call} ({@code apply ConfigMap/ns/a}) throw these, one each. */
    void failNext(String call, ClusterException... exceptions) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).addAll(List.of(exceptions));
    }

    void beforeEachWrite(Hook hook) {
        beforeWrite = hook;
    }

    @Override
    public Optional<Manifest> get(ResourceKey key) {
        return stored(key);
    }

    @Override
    public List<Manifest> list(GroupKind kind, String namespace, String labelSelector) {
        synchronized (store) {
            return store.values().stream()
                    .filter(m -> m.groupKind().equals(kind) && (namespace.isEmpty() || m.namespace().equals(namespace)))
                    .toList();
        }
    }

    @Override
    public Manifest apply(Manifest desired, ApplyOptions options) {
        write("apply", desired.key(), options.dryRun());
        if (!options.dryRun()) {
            store.put(desired.key(), desired);
        }
        return desired;
    }

    @Override
    public Manifest replace(Manifest desired, boolean dryRun) {
        write("replace", desired.key(), dryRun);
        if (!dryRun) {
            store.put(desired.key(), desired);
        }
        return desired;
    }

    @Override
    public boolean delete(ResourceKey key, DeleteOptions options) {
        write("delete", key, options.dryRun());
        return options.dryRun() ? store.containsKey(key) : store.remove(key) != null;
    }

    @Override
    public Optional<ResourceType> resourceType(GroupKind kind) {
        return Optional.empty();
    }

    private void write(String verb, ResourceKey key, boolean dryRun) {
        String call = verb + " " + key;
        beforeWrite.before(call);
        Deque<ClusterException> queued = failures.get(call);
        ClusterException failure = queued == null ? null : queued.poll();
        log.add(call + (dryRun ? " (dry run)" : "") + (failure == null ? "" : " -> " + failure.reason()));
        if (failure != null) {
            throw failure;
        }
    }
}
