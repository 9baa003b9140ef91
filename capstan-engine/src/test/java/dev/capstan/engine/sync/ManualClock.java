package dev.capstan.engine.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A clock that moves only when slept on: its {@link #sleeper()} advances it and remembers each sleep. */
final class ManualClock extends Clock {

    private volatile Instant now;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    ManualClock(Instant start) {
        this.now = start;
    }

    Sleeper sleeper() {
        return duration -> {
            sleeps.add(duration);
            synchronized (this) {
                now = now.plus(duration);
            }
        };
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
