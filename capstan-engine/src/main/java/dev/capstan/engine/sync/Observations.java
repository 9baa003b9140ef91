package dev.capstan.engine.sync;

import java.util.Map;

import dev.capstan.engine.Health;
import dev.capstan.engine.ResourceKey;

/**
 * What the runner last saw of the objects the sync is waiting on: their health, by key. An object
 * that was not looked at is simply absent.
 */
public record Observations(Map<ResourceKey, Health> health) {

    public Observations {
        health = Map.copyOf(health);
    }

    public static Observations none() {
        return new Observations(Map.of());
    }

    public static Observations of(Map<ResourceKey, Health> health) {
        return new Observations(health);
    }
}
