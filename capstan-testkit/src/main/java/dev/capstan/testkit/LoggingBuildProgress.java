package dev.capstan.testkit;

import dev.capstan.localcluster.BuildProgress;

import org.slf4j.Logger;

/** Reports a control-plane build in the test log, a line per tenth of each step. */
final class LoggingBuildProgress implements BuildProgress {

    private final Logger log;
    private String step = "";
    private int units;
    private int done;

    LoggingBuildProgress(Logger log) {
        this.log = log;
    }

    @Override
    public synchronized void stepStarted(String step, int units) {
        this.step = step;
        this.units = units;
        this.done = 0;
        log.info("{}: compiling up to {} packages (cached ones are skipped)", step, units);
    }

    @Override
    public synchronized void unitDone(String detail) {
        done++;
        if (units > 0 && done * 10 / units != (done - 1) * 10 / units) {
            log.info("{}: {} of at most {} packages", step, done, units);
        }
    }

    @Override
    public synchronized void stepFinished(String step) {
        log.info("{}: done", step);
    }
}
