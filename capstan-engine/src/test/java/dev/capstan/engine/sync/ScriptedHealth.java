package dev.capstan.engine.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/**
 * Health that follows a script per object: each look takes the next answer, the last one repeats;
 * an object without a script is Healthy. Every look is noted in the cluster's log
 * ({@code health ConfigMap/ns/a Healthy}), so tests see what was awaited, and when.
 */
final class ScriptedHealth implements Function<Manifest, Health> {

    private final FakeClusterClient cluster;
    private final Map<ResourceKey, Deque<Health>> scripts = new ConcurrentHashMap<>();

    ScriptedHealth(FakeClusterClient cluster) {
        this.cluster = cluster;
    }

    ScriptedHealth of(Manifest manifest, Health... answers) {
        scripts.put(manifest.key(), new ArrayDeque<>(List.of(answers)));
        return this;
    }

    @Override
    public Health apply(Manifest live) {
        Deque<Health> script = scripts.get(live.key());
        Health health = script == null ? Health.healthy("")
                : script.size() > 1 ? script.poll() : script.peek();
        cluster.note("health " + live.key() + " " + health.status().display());
        return health;
    }
}
