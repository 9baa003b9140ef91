package dev.capstan.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterException;

/** Looks at live objects: their health, and whether deleted ones are gone yet. */
final class Poller {

    private final ClusterClient cluster;
    private final Function<Manifest, Health> health;
    private final Retry retry;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private final Duration timeout;

    Poller(ClusterClient cluster, Function<Manifest, Health> health, Retry retry, Clock clock, Sleeper sleeper,
            SyncRunnerOptions options) {
        this.cluster = cluster;
        this.health = health;
        this.retry = retry;
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = options.pollInterval();
        this.timeout = options.waveTimeout();
    }

    /** The health of each object now: Missing when it does not exist, Unknown when it cannot be read or assessed. */
    Map<ResourceKey, Health> healthOf(Collection<ResourceKey> keys) throws InterruptedException {
        Map<ResourceKey, Health> seen = new LinkedHashMap<>();
        for (ResourceKey key : keys) {
            seen.put(key, healthOf(key));
        }
        return seen;
    }

    private Health healthOf(ResourceKey key) throws InterruptedException {
        Optional<Manifest> live;
        try {
            live = retry.call(() -> cluster.get(key));
        } catch (ClusterException e) {
            return Health.unknown("cannot read it: " + ServerMessage.of(e));
        }
        if (live.isEmpty()) {
            return Health.missing("the object does not exist");
        }
        try {
            return health.apply(live.get());
        } catch (RuntimeException e) {
            return Health.unknown("its health cannot be assessed: " + e.getMessage());
        }
    }

    /** Looks until none of {@code keys} exists any more, or the wave timeout passes; returns those still there. */
    Set<ResourceKey> awaitGone(Collection<ResourceKey> keys) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Set<ResourceKey> remaining = new LinkedHashSet<>(keys);
        while (true) {
            for (var iterator = remaining.iterator(); iterator.hasNext(); ) {
                ResourceKey key = iterator.next();
                if (retry.call(() -> cluster.get(key)).isEmpty()) {
                    iterator.remove();
                }
            }
            if (remaining.isEmpty() || !clock.instant().isBefore(deadline)) {
                return remaining;
            }
            sleeper.sleep(interval);
        }
    }

    /** Whether the wait that started at {@code start} has lasted the wave timeout. */
    boolean hasTimedOut(Instant start) {
        return !clock.instant().isBefore(start.plus(timeout));
    }

    void pause() throws InterruptedException {
        sleeper.sleep(interval);
    }

    Duration timeout() {
        return timeout;
    }
}
