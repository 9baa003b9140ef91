package dev.capstan.engine.health;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * Judges the health of one kind of object from its live state. An implementation is a pure
 * function of the object: it never throws and never calls out; input it cannot make sense of
 * gives {@code Unknown} with the reason.
 */
@FunctionalInterface
public interface HealthCheck {

    Health assess(Manifest live);
}
