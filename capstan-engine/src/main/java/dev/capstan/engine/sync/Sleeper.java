package dev.capstan.engine.sync;

import java.time.Duration;

/** Waits between polls and retries; tests pass one that advances a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
