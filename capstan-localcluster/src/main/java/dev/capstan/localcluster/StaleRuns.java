package dev.capstan.localcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what is left of control planes whose owner died without stopping them, and removes their
 * run directories. The guard script normally ends a component with its owner; this catches the
 * rest (a guard killed with its owner, a machine that slept through it).
 */
public final class StaleRuns {

    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);

    private StaleRuns() {
    }

    /** Reaps every run under {@code runsRoot} whose owner is gone; returns the directories removed. */
    public static List<Path> reap(Path runsRoot) {
        if (!Files.isDirectory(runsRoot)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runsRoot)) {
            return dirs.filter(Files::isDirectory).filter(StaleRuns::reapIfOrphaned).toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", runsRoot, e.getMessage());
            return List.of();
        }
    }

    private static boolean reapIfOrphaned(Path runDir) {
        var state = RunState.read(runDir);
        if (state.isPresent() && state.get().ownerAlive()) {
            return false;
        }
        state.ifPresent(StaleRuns::stopComponents);
        LOG.info("removing the run directory of a control plane whose owner is gone: {}", runDir);
        BinaryCache.deleteTree(runDir);
        return true;
    }

    static void stopComponents(RunState state) {
        state.components().forEach((name, pgid) -> {
            if (state.componentAlive(pgid)) {
                LOG.info("stopping {} (process group {}) left behind by owner {}", name, pgid, state.ownerPid());
                Processes.stopGroup(pgid, Duration.ofSeconds(5));
            }
        });
    }
}
