package dev.capstan.render.helm;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Helm may take to render one application and how much it may print, beyond the
 * {@link dev.capstan.engine.render.RenderLimits} every renderer keeps. An operator setting.
 *
 * @param timeout the longest one render may take (default 60 seconds)
 * @param maxOutputBytes the most text Helm may render for one application (default 64 MiB)
 */
public record HelmLimits(Duration timeout, long maxOutputBytes) {

    public HelmLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || maxOutputBytes <= 0) {
            throw new IllegalArgumentException("Helm limits must be positive: " + timeout + ", " + maxOutputBytes);
        }
    }

    public static HelmLimits defaults() {
        return new HelmLimits(Duration.ofSeconds(60), 64L * 1024 * 1024);
    }

    public HelmLimits withTimeout(Duration newTimeout) {
        return new HelmLimits(newTimeout, maxOutputBytes);
    }

    public HelmLimits withMaxOutputBytes(long bytes) {
        return new HelmLimits(timeout, bytes);
    }
}
