package dev.capstan.cli;

import java.io.PrintWriter;

import dev.capstan.localcluster.BuildProgress;

/** Build progress as plain lines, a line per tenth of a step, for output that is not a terminal (CI logs). */
final class LineBuildProgress implements BuildProgress, AutoCloseable {

    private final PrintWriter out;
    private String step = "";
    private int units;
    private int done;

    LineBuildProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepStarted(String step, int units) {
        this.step = step;
        this.units = units;
        this.done = 0;
        out.println(step + ": up to " + units + " packages to compile");
        out.flush();
    }

    @Override
    public void unitDone(String detail) {
        done++;
        if (units > 0 && done * 10 / units != (done - 1) * 10 / units) {
            out.println(step + ": " + (done * 100 / units) + "%");
            out.flush();
        }
    }

    @Override
    public void stepFinished(String step) {
        out.println(step + ": done");
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
