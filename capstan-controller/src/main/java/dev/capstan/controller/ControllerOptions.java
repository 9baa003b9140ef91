package dev.capstan.controller;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the controller runs.
 *
 * @param namespace      where its Applications, AppProjects and repository Secrets live
 * @param pollInterval   how often a target revision is looked up without a webhook (per application:
 *                       the annotation {@value ApplicationReconciler#POLL_INTERVAL_ANNOTATION})
 * @param workers        applications reconciled at once
 * @param cacheDirectory the Git repository cache
 */
public record ControllerOptions(String namespace, Duration pollInterval, int workers, Path cacheDirectory) {

    public static ControllerOptions defaults(Path cacheDirectory) {
        return new ControllerOptions("capstan", Duration.ofMinutes(3), 8, cacheDirectory);
    }

    public ControllerOptions withNamespace(String newNamespace) {
        return new ControllerOptions(newNamespace, pollInterval, workers, cacheDirectory);
    }

    public ControllerOptions withPollInterval(Duration newPollInterval) {
        return new ControllerOptions(namespace, newPollInterval, workers, cacheDirectory);
    }

    public ControllerOptions withWorkers(int newWorkers) {
        return new ControllerOptions(namespace, pollInterval, newWorkers, cacheDirectory);
    }
}
