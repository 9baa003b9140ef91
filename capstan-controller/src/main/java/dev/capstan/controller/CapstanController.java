package dev.capstan.controller;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationDependency;
import dev.capstan.controller.live.LiveStateCache;
import dev.capstan.controller.runtime.Result;
import dev.capstan.controller.runtime.WorkQueue;
import dev.capstan.controller.webhook.PushEvent;
import dev.capstan.controller.webhook.RepositoryMatcher;
import dev.capstan.controller.webhook.WebhookHandler;
import dev.capstan.controller.webhook.WebhookOptions;
import dev.capstan.controller.webhook.WebhookServer;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.git.GitRequestObserver;
import dev.capstan.git.RepositoryCache;
import dev.capstan.kube.Fabric8ClusterClient;

/**
 * The GitOps controller: watches the Applications of its namespace and reconciles each one in a
 * work queue (one key per application, never two reconciles of one application at once). What
 * puts an application in the queue: a change to it (spec, operation, refresh annotation), a change
 * to any object it manages (self-heal reacts to the watch event, not to a poll), a change to the
 * health of an application it depends on, a change to its project, a webhook, and its poll timer.
 */
public final class CapstanController implements ApplicationView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CapstanController.class);
    /** The annotation that asks for a refresh: {@code normal} looks the revision up again, {@code hard} also drops the renders. */
    public static final String REFRESH_ANNOTATION = ApplicationReconciler.REFRESH_ANNOTATION;
    /**
     * How long a stop waits for reconciles in flight; a sync still running after it is
     * interrupted with its state saved in the Application, and the next controller resumes it.
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final ControllerOptions options;
    private final RepositoryCache git;
    private final LiveStateCache live;
    private final WorkQueue<String> queue;
    private final Applications applications;
    private final ApplicationReconciler reconciler;
    private final RepositorySecretCache secrets;
    private final SharedIndexInformer<AppProject> projects;
    private final SharedIndexInformer<Application> applicationInformer;
    private final RepositoryMatcher matcher = RepositoryMatcher.defaults();
    private WebhookServer webhooks;
    private volatile ReconcileObserver observer = ReconcileObserver.NONE;

    private CapstanController(KubernetesClient client, ControllerOptions options) {
        this.client = client;
        this.options = options;
        var cluster = new Fabric8ClusterClient(client);
        this.git = new RepositoryCache(options.cacheDirectory());
        this.queue = WorkQueue.create(WorkQueue.Options.defaults().withName("applications")
                .withBackoff(Duration.ofMillis(200), Duration.ofMinutes(5)));
        this.live = new LiveStateCache(client, cluster, (application, key) -> {
            if (!application.isBlank()) {
                queue.add(application);
            }
        });
        this.applications = new Applications(client, options.namespace());
        this.secrets = RepositorySecretCache.start(client, options.namespace());
        this.projects = client.resources(AppProject.class).inNamespace(options.namespace()).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(AppProject project) {
                enqueueProject(project);
            }

            @Override
            public void onUpdate(AppProject before, AppProject after) {
                enqueueProject(after);
            }

            @Override
            public void onDelete(AppProject project, boolean unknown) {
                enqueueProject(project);
            }
        });
        HealthAssessor health = UserHealthRules.load(client, options.namespace(), options.health(),
                HealthAssessor.builtIn().withCheck(ApplicationHealth.KIND, new ApplicationHealth()));
        this.reconciler = new ApplicationReconciler(applications, this::project, new Sources(git, secrets, new Renderers(options.rendering()), KubeVersion.of(client)), live, cluster,
                health, new ApplicationEvents(client), options, Clock.systemUTC());
        this.applicationInformer = client.resources(Application.class).inNamespace(options.namespace()).runnableInformer(0);
        applicationInformer.addEventHandler(new ApplicationChanges());
        applications.use(applicationInformer);
    }

    /** Starts watching and reconciling; returns once the Applications are listed and the workers run. */
    public static CapstanController start(KubernetesClient client, ControllerOptions options) {
        for (var crd : CustomResourceDefinitions.all()) {
            if (client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get() == null) {
                throw new IllegalStateException("the CustomResourceDefinition " + crd.getMetadata().getName()
                        + " is not installed in this cluster; install Capstan first (capstan install)");
            }
        }
        var controller = new CapstanController(client, options);
        controller.applicationInformer.run();
        controller.queue.start(options.workers(), controller::reconcile);
        if (options.webhooks().enabled()) {
            var handler = new WebhookHandler(options.webhooks().secrets(), WebhookOptions.defaults(), controller::pushed);
            controller.webhooks = WebhookServer.start(handler, options.webhooks().host(), options.webhooks().port());
            LOG.info("Git webhooks on http://{}:{}{}", options.webhooks().host(), controller.webhooks.port(), WebhookServer.WEBHOOK_PATH);
        }
        LOG.info("reconciling the Applications of namespace {} with {} workers", options.namespace(), options.workers());
        return controller;
    }

    /** Looks up the target revisions of these applications now (a webhook said their repository moved). */
    public void refresh(List<String> names) {
        for (String name : names) {
            reconciler.refresh(name);
            queue.add(name);
        }
    }

    /**
     * A push reached Git: the applications that follow the pushed repository and branch look up
     * their revision now. Returns their names.
     */
    @Override
    public List<String> pushed(PushEvent push) {
        List<String> names = applications.all().stream()
                .filter(application -> followedSources(application).stream().anyMatch(source -> matcher.matches(push, source.getRepoURL(),
                        Objects.requireNonNullElse(source.getTargetRevision(), "HEAD"))))
                .map(application -> application.getMetadata().getName())
                .toList();
        LOG.info("push to {} {}: refreshing {}", push.repositoryUrls().isEmpty() ? "?" : push.repositoryUrls().getFirst(), push.ref(), names);
        refresh(names);
        return names;
    }

    /** The sources an application follows: its one source, or each of several. */
    static List<ApplicationSource> followedSources(Application application) {
        if (application.getSpec().getSource() != null) {
            return List.of(application.getSpec().getSource());
        }
        return Objects.requireNonNullElse(application.getSpec().getSources(), List.of());
    }

    /** The port of the webhook endpoint, when it is served. */
    public Optional<Integer> webhookPort() {
        return Optional.ofNullable(webhooks).map(WebhookServer::port);
    }

    /** The namespace of the Applications, AppProjects and repository Secrets the controller reads. */
    @Override
    public String namespace() {
        return options.namespace();
    }

    /** The Applications of the controller's namespace, from its cache. */
    @Override
    public List<Application> applications() {
        return applications.all();
    }

    @Override
    public LiveStateCache liveState() {
        return live;
    }

    /**
     * The desired manifests of an application as its last reconcile rendered and placed them
     * (hooks included); empty before its first reconcile or once it is gone.
     */
    @Override
    public Optional<List<dev.capstan.engine.Manifest>> desiredState(String application) {
        return reconciler.placed(application);
    }

    /**
     * Hears about every change to the Applications of the controller's namespace, after the ones
     * there now (as adds); closing the returned handle stops it. Called on the informer's thread.
     */
    @Override
    public AutoCloseable onApplicationChange(ResourceEventHandler<Application> handler) {
        applicationInformer.addEventHandler(handler);
        return () -> applicationInformer.removeEventHandler(handler);
    }

    /** Who hears how each reconcile went (for metrics); one at a time, the last one set. */
    @Override
    public void observeReconciles(ReconcileObserver newObserver) {
        observer = Objects.requireNonNull(newObserver, "observer");
    }

    @Override
    public void observeGit(GitRequestObserver gitObserver) {
        git.observe(gitObserver);
    }

    /** Told after each reconcile: which application, how long it took, whether it failed. */
    @FunctionalInterface
    public interface ReconcileObserver {
        ReconcileObserver NONE = (application, took, failed) -> { };

        void reconciled(String application, Duration took, boolean failed);
    }

    private Result reconcile(String name) throws InterruptedException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            Optional<Duration> next = reconciler.reconcile(name);
            failed = false;
            return next.map(Result::requeueAfter).orElseGet(Result::done);
        } finally {
            observer.reconciled(name, Duration.ofNanos(System.nanoTime() - start), failed);
        }
    }

    private Optional<AppProject> project(String name) {
        return Optional.ofNullable(projects.getStore().getByKey(options.namespace() + "/" + name));
    }

    private void enqueueProject(AppProject project) {
        String name = project.getMetadata().getName();
        for (Application application : applications.all()) {
            String applicationProject = Objects.requireNonNullElse(application.getSpec().getProject(), ProjectPolicy.DEFAULT_PROJECT);
            if (applicationProject.equals(name)) {
                queue.add(application.getMetadata().getName());
            }
        }
    }

    /** Enqueues an application when someone changed it (not the controller's own status writes), and its dependents when its health moved. */
    private final class ApplicationChanges implements ResourceEventHandler<Application> {
        @Override
        public void onAdd(Application application) {
            queue.add(application.getMetadata().getName());
        }

        @Override
        public void onUpdate(Application before, Application after) {
            var old = before.getMetadata();
            var now = after.getMetadata();
            if (!Objects.equals(old.getGeneration(), now.getGeneration()) || !Objects.equals(old.getAnnotations(), now.getAnnotations())
                    || !Objects.equals(old.getFinalizers(), now.getFinalizers()) || now.getDeletionTimestamp() != null
                    || !Objects.equals(old.getLabels(), now.getLabels())) {
                queue.add(now.getName());
            }
            if (!Objects.equals(healthOf(before), healthOf(after))) {
                enqueueDependents(now.getName());
            }
        }

        @Override
        public void onDelete(Application application, boolean unknown) {
            queue.add(application.getMetadata().getName());
            enqueueDependents(application.getMetadata().getName());
        }

        private String healthOf(Application application) {
            return application.getStatus() == null || application.getStatus().getHealth() == null ? null
                    : application.getStatus().getHealth().getStatus();
        }

        private void enqueueDependents(String name) {
            for (Application other : applications.all()) {
                List<ApplicationDependency> dependencies = other.getSpec().getDependsOn();
                if (dependencies != null && dependencies.stream().anyMatch(dependency -> name.equals(dependency.getName()))) {
                    queue.add(other.getMetadata().getName());
                }
            }
        }
    }

    @Override
    public void close() {
        if (webhooks != null) {
            webhooks.close();
        }
        queue.shutdown(SHUTDOWN_GRACE);
        applicationInformer.stop();
        projects.stop();
        secrets.close();
        live.close();
        git.close();
    }
}
