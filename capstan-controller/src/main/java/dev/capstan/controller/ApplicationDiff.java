package dev.capstan.controller;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.DestinationNamespace;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterClient.ResourceType;
import dev.capstan.engine.diff.ClusterDiff;
import dev.capstan.engine.diff.IgnoreDifferences;
import dev.capstan.engine.diff.ResourceComparer;
import dev.capstan.engine.diff.ResourceDiff;
import dev.capstan.engine.sync.Hooks;
import dev.capstan.engine.sync.Tracking;
import dev.capstan.git.RepositoryCache;
import dev.capstan.git.RepositorySecrets;
import dev.capstan.kube.Fabric8ClusterClient;

/**
 * What syncing an Application now would change, worked out the way the controller compares it
 * (its target revision resolved, rendered, placed and marked, then a server-side dry run per
 * object), for {@code capstan app diff} in core mode. Reads the repository credentials from the
 * Secrets of the Application's namespace.
 */
public final class ApplicationDiff {

    private ApplicationDiff() {
    }

    /** The revision compared, and one result per desired object (hooks aside), then per object to prune. */
    public record Result(String revision, List<ResourceDiff> resources) {
    }

    public static Result of(KubernetesClient client, Application application, Path gitCache) {
        return of(client, application, gitCache, ControllerOptions.Rendering.besides(gitCache));
    }

    public static Result of(KubernetesClient client, Application application, Path gitCache, ControllerOptions.Rendering rendering) {
        ApplicationReconciler.unsupported(application).ifPresent(message -> {
            throw new IllegalArgumentException(application.getMetadata().getName() + ": " + message);
        });
        String namespace = application.getMetadata().getNamespace();
        List<RepositorySecrets.Entry> secrets = client.secrets().inNamespace(namespace).withLabel(RepositorySecrets.TYPE_LABEL)
                .list().getItems().stream()
                .map(RepositorySecretEntries::of)
                .toList();
        ClusterClient cluster = new Fabric8ClusterClient(client);
        try (var git = new RepositoryCache(gitCache)) {
            var sources = new Sources(git, url -> RepositorySecrets.credentialsFor(secrets, url), new Renderers(rendering), KubeVersion.of(client));
            ApplicationSource source = application.getSpec().getSource();
            if (source == null) {
                throw new IllegalArgumentException(application.getMetadata().getName() + ": app diff does not compare multi-source applications yet");
            }
            String revision = sources.resolve(source, Objects.requireNonNullElse(source.getTargetRevision(), "HEAD"));
            var context = Sources.RenderContext.of(application.getMetadata().getName(), OperationRunner.destinationNamespace(application));
            List<Manifest> desired = place(application, sources.render(source, revision, context).manifests(), cluster).stream()
                    .filter(manifest -> !Hooks.isHook(manifest)).toList();
            var tracked = Inventory.read(application.getStatus() == null ? null : application.getStatus().getInventory()).keySet();
            var diff = new ClusterDiff(cluster, new ResourceComparer(ignoreDifferences(application)), ApplyOptions.defaults(), 16);
            return new Result(revision, diff.diff(desired, tracked));
        }
    }

    /** The rendered manifests as the application applies them: in its destination namespace, marked as its own. */
    static List<Manifest> place(Application application, List<Manifest> rendered, ClusterClient cluster) {
        var tracking = new Tracking(application.getMetadata().getName());
        return DestinationNamespace.apply(rendered, OperationRunner.destinationNamespace(application),
                        kind -> cluster.resourceType(kind).map(ResourceType::namespaced))
                .stream().map(tracking::mark).toList();
    }

    /** The application's {@code spec.ignoreDifferences} as the comparer takes them. */
    public static List<IgnoreDifferences> ignoreDifferences(Application application) {
        var configured = application.getSpec().getIgnoreDifferences();
        if (configured == null) {
            return List.of();
        }
        return configured.stream().map(entry -> new IgnoreDifferences(entry.getGroup(), entry.getKind(), entry.getNamespace(),
                entry.getName(), entry.getJsonPointers(), entry.getManagedFieldsManagers())).toList();
    }
}
