package dev.capstan.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For commands that run until Ctrl-C (or SIGTERM): the JVM's shutdown closes what the command
 * runs, in order, before it exits, so a controller finishes its writes and a Git server closes
 * its repositories.
 */
final class Foreground {

    private static final Logger LOG = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {
    }

    /** Blocks until the JVM is asked to stop and {@code resources} are closed, first to last. */
    static void runUntilStopped(List<AutoCloseable> resources) throws InterruptedException {
        var closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("while stopping: {}", e.toString());
                }
            }
            closed.countDown();
        }, "capstan-stop"));
        closed.await();
    }
}
