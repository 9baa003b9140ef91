package dev.capstan.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.controller.live.LiveStateCache;
import dev.capstan.controller.webhook.PushEvent;
import dev.capstan.controller.webhook.RepositoryMatcher;
import dev.capstan.engine.Manifest;
import dev.capstan.git.GitRequestObserver;
import dev.capstan.git.RepositoryCache;
import dev.capstan.kube.Fabric8ClusterClient;

/**
 * The applications of a namespace as a server that runs without the controller sees them
 * ({@code capstan server}): it watches the Applications and, for resource trees, the objects they
 * manage, renders an application's desired state from Git when the API asks for it (through the
 * same render cache as the controller, with one revision lookup per minute per source), and turns
 * a Git push into the refresh annotation, which the controller running elsewhere acts on. It
 * writes nothing else: reconciling stays the controller's.
 */
public final class StandaloneApplicationView implements ApplicationView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneApplicationView.class);
    private static final Duration LOOKUP_AGE = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final String namespace;
    private final SharedIndexInformer<Application> informer;
    private final LiveStateCache live;
    private final RepositoryCache git;
    private final RepositorySecretCache secrets;
    private final Sources sources;
    private final Fabric8ClusterClient cluster;
    private final RepositoryMatcher matcher = RepositoryMatcher.defaults();

    private StandaloneApplicationView(KubernetesClient client, String namespace, Path cacheDirectory) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = new Fabric8ClusterClient(client);
        this.live = new LiveStateCache(client, cluster, (application, key) -> { });
        this.git = new RepositoryCache(cacheDirectory);
        this.secrets = RepositorySecretCache.start(client, namespace);
        this.sources = new Sources(git, secrets, new Renderers(ControllerOptions.Rendering.besides(cacheDirectory)), KubeVersion.of(client));
        this.informer = client.resources(Application.class).inNamespace(namespace).runnableInformer(0);
    }

    /** Starts watching the Applications of {@code namespace}; returns once they are listed. */
    public static StandaloneApplicationView start(KubernetesClient client, String namespace, Path cacheDirectory) {
        var view = new StandaloneApplicationView(client, namespace, cacheDirectory);
        view.informer.run();
        return view;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public List<Application> applications() {
        return informer.getStore().list();
    }

    @Override
    public LiveStateCache liveState() {
        return live;
    }

    /**
     * Renders the application's one source at the revision it follows now. Applications of several
     * sources, or whose render fails, give empty: the API then answers from the status alone.
     */
    @Override
    public Optional<List<Manifest>> desiredState(String name) {
        Application application = informer.getStore().getByKey(namespace + "/" + name);
        if (application == null || application.getSpec() == null || application.getSpec().getSource() == null
                || ApplicationReconciler.unsupported(application).isPresent()) {
            return Optional.empty();
        }
        ApplicationSource source = application.getSpec().getSource();
        try {
            String revision = sources.resolve(source, Objects.requireNonNullElse(source.getTargetRevision(), "HEAD"),
                    Instant.now().minus(LOOKUP_AGE));
            var context = Sources.RenderContext.of(name, OperationRunner.destinationNamespace(application));
            return Optional.of(ApplicationDiff.place(application, sources.render(source, revision, context).manifests(), cluster));
        } catch (RuntimeException e) {
            LOG.debug("cannot render the desired state of {}: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public AutoCloseable onApplicationChange(ResourceEventHandler<Application> handler) {
        informer.addEventHandler(handler);
        return () -> informer.removeEventHandler(handler);
    }

    @Override
    public void observeReconciles(CapstanController.ReconcileObserver observer) {
        // nothing is reconciled here
    }

    @Override
    public void observeGit(GitRequestObserver observer) {
        git.observe(observer);
    }

    /** Asks the controller to refresh the applications that follow the pushed repository and branch, by their refresh annotation. */
    @Override
    public List<String> pushed(PushEvent push) {
        List<String> names = applications().stream()
                .filter(application -> CapstanController.followedSources(application).stream().anyMatch(source -> matcher.matches(push,
                        source.getRepoURL(), Objects.requireNonNullElse(source.getTargetRevision(), "HEAD"))))
                .map(application -> application.getMetadata().getName())
                .toList();
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations",
                Map.of(CapstanController.REFRESH_ANNOTATION, "normal"))));
        for (String name : names) {
            client.resources(Application.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
        LOG.info("push to {} {}: asked the controller to refresh {}", push.repositoryUrls().getFirst(), push.ref(), names);
        return names;
    }

    @Override
    public void close() {
        informer.stop();
        live.close();
        secrets.close();
        git.close();
    }
}
