package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;

/** The bytes one render may still read, from the chart and the values files together. */
final class ReadBudget {

    private final RenderLimits limits;
    private long read;

    ReadBudget(RenderLimits limits) {
        this.limits = limits;
    }

    long maxFileBytes() {
        return limits.maxFileBytes();
    }

    /** Counts {@code bytes} read from {@code file}. */
    void spend(String file, long bytes) {
        read += bytes;
        if (read > limits.maxTotalBytes()) {
            throw new RenderException(Reason.TOO_LARGE, new Origin(file, 0), "the chart and its values files are larger than the limit of "
                    + RenderLimits.describeBytes(limits.maxTotalBytes()) + " in total");
        }
    }
}
