package dev.capstan.localcluster;

import java.util.function.Consumer;

/** Build progress as plain lines, one per tenth of a step, for logs and output that is not a terminal. */
final class LineProgress implements BuildProgress {

    private final Consumer<String> out;
    private String step = "";
    private int units;
    private int done;

    LineProgress(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public synchronized void stepStarted(String step, int units) {
        this.step = step;
        this.units = units;
        this.done = 0;
        out.accept(step + ": up to " + units + " packages to compile (cached ones are skipped)");
    }

    @Override
    public synchronized void unitDone(String detail) {
        done++;
        if (units > 0 && done * 10 / units != (done - 1) * 10 / units) {
            out.accept(step + ": " + (done * 100 / units) + "%");
        }
    }

    @Override
    public synchronized void stepFinished(String step) {
        out.accept(step + ": done");
    }
}
