package dev.capstan.localcluster;

import java.util.function.Consumer;

/**
 * Receives the progress of a control-plane build, which takes minutes the first time. A step
 * is one {@code go build}; its units are the Go packages it compiles.
 */
public interface BuildProgress {

    /** A step starts; {@code units} is how many packages it may compile (0 when unknown). */
    void stepStarted(String step, int units);

    /** One unit of the current step is done. */
    void unitDone(String detail);

    void stepFinished(String step);

    /** Progress as lines, a line per tenth of each step. */
    static BuildProgress lines(Consumer<String> out) {
        return new LineProgress(out);
    }

    static BuildProgress silent() {
        return new BuildProgress() {
            @Override
            public void stepStarted(String step, int units) {
            }

            @Override
            public void unitDone(String detail) {
            }

            @Override
            public void stepFinished(String step) {
            }
        };
    }
}
