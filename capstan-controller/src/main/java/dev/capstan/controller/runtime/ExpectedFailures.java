package dev.capstan.controller.runtime;

import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.health.HealthRulesException;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.sync.InvalidManifestException;
import dev.capstan.git.GitException;

/**
 * Which reconcile failures are part of life rather than bugs: Capstan's classified boundary
 * exceptions and its bad-input exceptions. Their message says all there is to say, so the queue
 * logs them without a stack trace; anything else is logged with one.
 */
final class ExpectedFailures {

    private ExpectedFailures() {
    }

    static boolean isExpected(Throwable failure) {
        return failure instanceof ClusterException
                || failure instanceof GitException
                || failure instanceof RenderException
                || failure instanceof HealthRulesException
                || failure instanceof InvalidManifestException;
    }
}
