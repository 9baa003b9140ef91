package dev.capstan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.SyncPolicy;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.localcluster.BinaryCache;
import dev.capstan.localcluster.BuildProgress;
import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.LocalControlPlane;

/**
 * What the controller's scenarios share: a local control plane with Capstan's CRDs, a Git server
 * in the harness's JVM (so its CPU is not the controller's), the namespace of the Applications,
 * and the controller in a JVM of its own ({@link ControllerJvm}).
 */
final class ControllerRig implements AutoCloseable {

    static final String APP_NAMESPACE = "capstan";
    static final String WEBHOOK_SECRET = "bench-webhook-secret";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final LocalControlPlane controlPlane;
    private final KubernetesClient client;
    private final GitHttpServer git;
    private final Path work;
    private final long apiServerPid;
    private ControllerJvm controller;

    private ControllerRig(LocalControlPlane controlPlane, KubernetesClient client, GitHttpServer git, Path work) {
        this.controlPlane = controlPlane;
        this.client = client;
        this.git = git;
        this.work = work;
        this.apiServerPid = controlPlane.componentPid("kube-apiserver").orElseThrow();
    }

    static ControllerRig start(String scenario) throws IOException {
        var binaries = BinaryCache.fromEnvironment().ensureBuilt(BuildProgress.silent());
        Path runDir = CapstanHome.fromEnvironment().runs().resolve("bench-" + scenario + "-" + ProcessHandle.current().pid());
        LocalControlPlane controlPlane = LocalControlPlane.start(binaries, runDir);
        KubernetesClient client = null;
        GitHttpServer git = null;
        try {
            client = controlPlane.newClient();
            Path work = Files.createTempDirectory("capstan-bench-" + scenario);
            git = GitHttpServer.start(work.resolve("git"));
            CustomResourceDefinitions.install(client, "capstan-bench", TIMEOUT);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(APP_NAMESPACE).endMetadata().build())
                    .serverSideApply();
            return new ControllerRig(controlPlane, client, git, work);
        } catch (RuntimeException | IOException e) {
            if (git != null) {
                git.close();
            }
            if (client != null) {
                client.close();
            }
            controlPlane.close();
            throw e;
        }
    }

    KubernetesClient client() {
        return client;
    }

    GitHttpServer git() {
        return git;
    }

    long apiServerPid() {
        return apiServerPid;
    }

    Path work() {
        return work;
    }

    /** Starts the controller in its own JVM, as deployed; its log goes to {@code controller.log} in the work directory. */
    ControllerJvm startController(Duration pollInterval, int workers) throws IOException, InterruptedException {
        return startController(pollInterval, workers, ControllerJvm.DEPLOYED_JVM_OPTIONS);
    }

    ControllerJvm startController(Duration pollInterval, int workers, String jvmOptions) throws IOException, InterruptedException {
        controller = ControllerJvm.start(controlPlane.kubeconfig(), APP_NAMESPACE, pollInterval, workers, work.resolve("git-cache"),
                WEBHOOK_SECRET, work.resolve("controller.log"), jvmOptions);
        return controller;
    }

    /** Creates an Application following {@code main} of a served repository, with automated sync. */
    void createApplication(String name, String repository, String path, String destination, boolean selfHeal,
                           Map<String, String> annotations) {
        var policy = new SyncPolicy();
        var automated = new SyncPolicy.Automated();
        automated.setPrune(false);
        automated.setSelfHeal(selfHeal);
        policy.setAutomated(automated);
        client.resource(application(name, repository, path, destination, policy, annotations)).create();
    }

    /** Creates an Application following {@code main} of a served repository, synced only when asked. */
    void createManualApplication(String name, String repository, String path, String destination) {
        client.resource(application(name, repository, path, destination, null, Map.of())).create();
    }

    private Application application(String name, String repository, String path, String destination, SyncPolicy policy,
                                    Map<String, String> annotations) {
        var application = new Application();
        application.getMetadata().setName(name);
        application.getMetadata().setNamespace(APP_NAMESPACE);
        if (!annotations.isEmpty()) {
            application.getMetadata().setAnnotations(annotations);
        }
        var spec = new ApplicationSpec();
        var source = new ApplicationSource();
        source.setRepoURL(git.url(repository));
        source.setTargetRevision("main");
        source.setPath(path);
        spec.setSource(source);
        var target = new ApplicationDestination();
        target.setServer("https://kubernetes.default.svc");
        target.setNamespace(destination);
        spec.setDestination(target);
        spec.setSyncPolicy(policy);
        application.setSpec(spec);
        return application;
    }

    void annotate(String application, String key, String value) {
        client.resources(Application.class).inNamespace(APP_NAMESPACE).withName(application)
                .edit(edited -> {
                    var annotations = new java.util.LinkedHashMap<String, String>(Objects.requireNonNullElse(edited.getMetadata().getAnnotations(), Map.of()));
                    annotations.put(key, value);
                    edited.getMetadata().setAnnotations(annotations);
                    return edited;
                });
    }

    /** Waits until every named application reports a finished sync of {@code revision} (any revision when null); returns seconds waited. */
    double awaitSynced(Collection<String> names, String revision, Duration timeout) throws InterruptedException {
        return await(names, status -> synced(status, revision), "synced", timeout);
    }

    /** Waits until every named application has been compared with Git: it has a sync status, whichever; returns seconds waited. */
    double awaitCompared(Collection<String> names, Duration timeout) throws InterruptedException {
        return await(names, status -> status.getSync() != null && status.getSync().getStatus() != null, "compared", timeout);
    }

    private double await(Collection<String> names, Predicate<ApplicationStatus> done, String what, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Set<String> waiting = Set.copyOf(names);
        while (true) {
            Map<String, ApplicationStatus> statuses;
            try {
                statuses = statuses();
            } catch (KubernetesClientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000); // the list of large statuses can time out on a busy machine: ask again
                continue;
            }
            for (String name : waiting) {
                ApplicationStatus status = statuses.get(name);
                if (status != null && status.getOperationState() != null
                        && Set.of("Failed", "Error").contains(status.getOperationState().getPhase())) {
                    throw new IllegalStateException("the sync of " + name + " failed: " + status.getOperationState().getMessage());
                }
            }
            Set<String> pending = waiting.stream().filter(name -> !statuses.containsKey(name) || !done.test(statuses.get(name)))
                    .collect(Collectors.toSet());
            if (pending.isEmpty()) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " applications not " + what + " within " + timeout + ", e.g. "
                        + pending.stream().limit(5).collect(Collectors.joining(", ")));
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Waits until no Application changed for {@code quiet} (the controller's status writes after a
     * sync or a first comparison have settled); returns seconds waited.
     */
    double awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, String> versions = Map.of();
        long unchangedSince = start;
        while (true) {
            Map<String, String> now = client.resources(Application.class).inNamespace(APP_NAMESPACE).list().getItems().stream()
                    .collect(Collectors.toMap(application -> application.getMetadata().getName(),
                            application -> application.getMetadata().getResourceVersion()));
            if (!now.equals(versions)) {
                versions = now;
                unchangedSince = System.nanoTime();
            } else if (System.nanoTime() - unchangedSince >= quiet.toNanos()) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Applications still changed after " + timeout);
            }
            Thread.sleep(1000);
        }
    }

    private Map<String, ApplicationStatus> statuses() {
        return client.resources(Application.class).inNamespace(APP_NAMESPACE).list().getItems().stream()
                .filter(application -> application.getStatus() != null)
                .collect(Collectors.toMap(application -> application.getMetadata().getName(), Application::getStatus));
    }

    static boolean synced(ApplicationStatus status, String revision) {
        return status.getSync() != null && "Synced".equals(status.getSync().getStatus())
                && (revision == null || revision.equals(status.getSync().getRevision()))
                && status.getOperationState() != null && "Succeeded".equals(status.getOperationState().getPhase())
                && status.getOperationState().getSyncResult() != null
                && (revision == null || revision.equals(status.getOperationState().getSyncResult().get("revision")));
    }

    /** The size of the Application as JSON, status included: what every status write and watch event of it carries. */
    int applicationBytes(String name) {
        Application application = client.resources(Application.class).inNamespace(APP_NAMESPACE).withName(name).get();
        return client.getKubernetesSerialization().asJson(application).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Posts a signed GitHub push webhook for {@code main} of {@code repository} at {@code sha}; returns the HTTP status. */
    int postWebhook(HttpClient http, String repository, String sha) throws IOException, InterruptedException {
        String payload = """
                {"ref": "refs/heads/main", "after": "%s",
                 "repository": {"clone_url": "%s", "default_branch": "main"}}""".formatted(sha, git.url(repository));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Objects.requireNonNull(controller).webhookPort() + "/api/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + hmac(payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates namespaces the harness owns (destinations of small applications, unmanaged objects). */
    void createNamespaces(List<String> names) {
        for (String name : names) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        }
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.close();
        }
        git.close();
        client.close();
        controlPlane.close();
    }
}
