package dev.capstan.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.health.HealthRulesException;
import dev.capstan.engine.render.RenderException;
import dev.capstan.git.GitException;
import dev.capstan.kube.ApiErrors;
import dev.capstan.localcluster.ControlPlaneException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure as one clear message (no stack trace), since every Capstan error names its step. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, ParseResult parseResult) {
        var err = command.getErr();
        if (exception instanceof ControlPlaneException || exception instanceof UserError
                || exception instanceof RenderException || exception instanceof ClusterException
                || exception instanceof HealthRulesException || exception instanceof GitException) {
            err.println("capstan: " + exception.getMessage());
        } else if (exception instanceof KubernetesClientException failure) {
            err.println("capstan: " + ApiErrors.classify(null, "request", failure).getMessage());
        } else {
            err.println("capstan: unexpected error: " + exception);
            exception.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
