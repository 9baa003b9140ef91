package dev.capstan.cli;

import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where Capstan's own objects live: a cluster (kubeconfig and context) and the namespace of its
 * Applications, AppProjects and repository Secrets.
 */
final class CapstanOptions {

    static final String DEFAULT_NAMESPACE = "capstan";
    static final String NAMESPACE_VARIABLE = "CAPSTAN_NAMESPACE";

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-N", "--app-namespace"}, paramLabel = "NAME",
            description = "Namespace of Capstan's Applications, AppProjects and repository Secrets "
                    + "(default: $" + NAMESPACE_VARIABLE + ", else " + DEFAULT_NAMESPACE + ").")
    String appNamespace;

    KubernetesClient connect() {
        return connection.connect();
    }

    ResourceStore<Application> applications(KubernetesClient client) {
        return new ResourceStore<>(client, Application.class, namespace());
    }

    ResourceStore<AppProject> projects(KubernetesClient client) {
        return new ResourceStore<>(client, AppProject.class, namespace());
    }

    String namespace() {
        return namespace(appNamespace, System.getenv());
    }

    /** The option's value, else the environment's, else {@value #DEFAULT_NAMESPACE}. */
    static String namespace(String option, Map<String, String> environment) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnvironment = environment.get(NAMESPACE_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_NAMESPACE : fromEnvironment;
    }
}
