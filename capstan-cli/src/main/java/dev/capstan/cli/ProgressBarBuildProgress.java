package dev.capstan.cli;

import dev.capstan.localcluster.BuildProgress;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a control-plane build as a progress bar per step, counting compiled Go packages. */
final class ProgressBarBuildProgress implements BuildProgress, AutoCloseable {

    private ProgressBar bar;

    @Override
    public void stepStarted(String step, int units) {
        close();
        bar = new ProgressBarBuilder()
                .setTaskName(step)
                .setInitialMax(units)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setUnit(" pkgs", 1)
                .continuousUpdate()
                .build();
    }

    @Override
    public void unitDone(String detail) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(shorten(detail));
        }
    }

    @Override
    public void stepFinished(String step) {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.setExtraMessage("done");
        }
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : "..." + text.substring(text.length() - 37);
    }
}
