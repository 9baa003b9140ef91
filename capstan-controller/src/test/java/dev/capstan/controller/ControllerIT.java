package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDependency;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.InitiatedBy;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.ProjectDestination;
import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.api.v1alpha1.RevisionHistory;
import dev.capstan.api.v1alpha1.SyncPolicy;
import dev.capstan.controller.webhook.Provider;
import dev.capstan.controller.webhook.WebhookSecrets;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;
import dev.capstan.testkit.ManifestTexts;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

/**
 * The controller against a real API server and a real Git server over HTTP: Applications in the
 * test class's namespace, each deploying into a namespace of its own, repositories served by an
 * in-process Git server. What is asserted is what a user sees: objects in the cluster, the
 * Application's status, Events.
 */
@WithControlPlane
class ControllerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String WEBHOOK_SECRET = "it-webhook-secret";

    @TempDir
    static Path temporary;

    private static KubernetesClient client;
    private static String appNamespace;
    private static GitHttpServer git;
    private static CapstanController controller;

    private String destination;
    private HostedRepository repository;
    private String repositoryName;

    @BeforeAll
    static void start(KubernetesClient kubernetesClient, TestNamespace namespace) throws Exception {
        client = kubernetesClient;
        appNamespace = namespace.name();
        CustomResourceDefinitions.install(client, "capstan-test", TIMEOUT);
        git = GitHttpServer.start(temporary.resolve("served"));
        controller = CapstanController.start(client, options(appNamespace, "cache")
                .withWebhooks(ControllerOptions.Webhooks.on("127.0.0.1", 0, WebhookSecrets.none().withSecret(Provider.GITHUB, WEBHOOK_SECRET))));
    }

    @AfterAll
    static void stop() {
        controller.close();
        git.close();
    }

    @BeforeEach
    void a_destination_and_a_repository_of_its_own() {
        String id = UUID.randomUUID().toString().substring(0, 6);
        destination = "dest-" + id;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(destination).endMetadata().build()).create();
        repositoryName = "repo-" + id;
        repository = git.create(repositoryName);
    }

    @Test
    void a_push_moves_the_application_to_the_new_revision_and_synced() {
        String first = repository.commit("main", Map.of("app/config.yaml", configMapYaml("settings", "colour", "blue")), "blue");
        create(application("push", "app", automated(false, false)));

        awaitStatus("push", status -> first.equals(revision(status)) && "Synced".equals(sync(status)));
        assertThat(configMap("settings").getData()).containsEntry("colour", "blue");

        String second = repository.commit("main", Map.of("app/config.yaml", configMapYaml("settings", "colour", "green")), "green");
        controller.refresh(List.of("push"));

        ApplicationStatus status = awaitStatus("push", current -> second.equals(revision(current)) && "Synced".equals(sync(current)));
        assertThat(configMap("settings").getData()).containsEntry("colour", "green");
        assertThat(status.getHistory()).extracting(RevisionHistory::getRevision).containsExactly(first, second);
        assertThat(status.getHealth().getStatus()).isEqualTo("Healthy");
        assertThat(events("push")).as("the controller's own writes are not drift").extracting(Event::getReason)
                .doesNotContain("DriftDetected");
    }

    @Test
    void a_file_removed_from_git_is_pruned_with_prune_and_kept_without() {
        repository.commit("main", Map.of(
                "pruned/a.yaml", configMapYaml("pruned-a", "k", "v"), "pruned/b.yaml", configMapYaml("pruned-b", "k", "v"),
                "kept/a.yaml", configMapYaml("kept-a", "k", "v"), "kept/b.yaml", configMapYaml("kept-b", "k", "v")), "four");
        create(application("prune", "pruned", automated(true, false)));
        create(application("noprune", "kept", automated(false, false)));
        awaitStatus("prune", status -> "Synced".equals(sync(status)));
        awaitStatus("noprune", status -> "Synced".equals(sync(status)));

        var removed = new LinkedHashMap<String, String>();
        removed.put("pruned/b.yaml", null);
        removed.put("kept/b.yaml", null);
        repository.commit("main", removed, "remove b");
        controller.refresh(List.of("prune", "noprune"));

        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(destination).withName("pruned-b").get() == null);
        ApplicationStatus kept = awaitStatus("noprune", status -> "OutOfSync".equals(sync(status)));
        assertThat(client.configMaps().inNamespace(destination).withName("kept-b").get()).isNotNull();
        assertThat(kept.getResources()).filteredOn(resource -> "kept-b".equals(resource.getName()))
                .extracting(ResourceStatus::getStatus, ResourceStatus::getRequiresPruning)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RequiresPruning", true));
    }

    @Test
    void a_managed_field_changed_by_another_manager_is_restored_and_an_event_records_it() {
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("drift", "replicas", "3")), "three");
        create(application("heal", "app", automated(false, true)));
        awaitStatus("heal", status -> "Synced".equals(sync(status)));

        client.configMaps().inNamespace(destination).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName("drift").withNamespace(destination).endMetadata()
                        .addToData("replicas", "7").build())
                .fieldManager("someone-with-kubectl").forceConflicts().serverSideApply();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(configMap("drift").getData()).containsEntry("replicas", "3"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("heal")).extracting(Event::getReason).contains("DriftDetected"));
        assertThat(events("heal")).filteredOn(event -> event.getReason().equals("DriftDetected")).first()
                .extracting(Event::getMessage).asString().contains("ConfigMap/" + destination + "/drift");
    }

    @Test
    void a_wrong_credential_gives_a_clear_condition_without_the_secret() {
        String name = "private-" + UUID.randomUUID().toString().substring(0, 6);
        HostedRepository locked = git.createPrivate(name, "deployer", "right-password");
        locked.commit("main", Map.of("app/config.yaml", configMapYaml("secret-app", "k", "v")), "one");
        client.secrets().inNamespace(appNamespace).resource(new SecretBuilder()
                .withNewMetadata().withName("repo-" + name).addToLabels("capstan.dev/secret-type", "repository").endMetadata()
                .addToStringData("url", git.url(name)).addToStringData("username", "deployer")
                .addToStringData("password", "wrong-password-1234").build()).create();
        Application application = application("badcreds", "app", automated(false, false));
        application.getSpec().getSource().setRepoURL(git.url(name));
        create(application);

        ApplicationStatus status = awaitStatus("badcreds", current -> current.getConditions() != null && !current.getConditions().isEmpty());
        assertThat(status.getConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getType()).isEqualTo("ComparisonError");
            assertThat(condition.getMessage()).containsIgnoringCase("authentication").contains(git.url(name))
                    .doesNotContain("wrong-password-1234");
        });
        assertThat(client.configMaps().inNamespace(destination).withName("secret-app").get()).isNull();
    }

    @Test
    void rollback_returns_to_an_earlier_history_entry() {
        String first = repository.commit("main", Map.of("app/config.yaml", configMapYaml("release", "version", "1")), "v1");
        create(application("rollback", "app", null));
        requestSync("rollback", operation -> { });
        awaitStatus("rollback", status -> first.equals(revision(status)) && historySize(status) == 1);

        String second = repository.commit("main", Map.of("app/config.yaml", configMapYaml("release", "version", "2")), "v2");
        controller.refresh(List.of("rollback"));
        requestSync("rollback", operation -> { });
        ApplicationStatus synced = awaitStatus("rollback", status -> historySize(status) == 2);
        assertThat(configMap("release").getData()).containsEntry("version", "2");

        RevisionHistory earlier = synced.getHistory().getFirst();
        requestSync("rollback", operation -> {
            operation.getSync().setRevision(earlier.getRevision());
            operation.getSync().setSource(earlier.getSource());
            operation.getSync().setRollbackTo(earlier.getId());
        });

        ApplicationStatus rolledBack = awaitStatus("rollback", status -> historySize(status) == 3);
        assertThat(configMap("release").getData()).containsEntry("version", "1");
        assertThat(rolledBack.getHistory().getLast().getRevision()).isEqualTo(first);
        assertThat(rolledBack.getSync().getStatus()).as("spec still follows main, now at v2").isEqualTo("OutOfSync");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void depends_on_holds_an_application_until_its_dependency_is_healthy() {
        repository.commit("main", Map.of(
                "database/db.yaml", deploymentYaml("database", "nowhere"),
                "web/config.yaml", configMapYaml("web", "k", "v")), "unschedulable database");
        create(application("database", "database", automated(false, false)));
        Application web = application("web", "web", automated(false, false));
        var dependency = new ApplicationDependency();
        dependency.setName("database");
        web.getSpec().setDependsOn(List.of(dependency));
        create(web);

        ApplicationStatus waiting = awaitStatus("web", status -> status.getConditions() != null && !status.getConditions().isEmpty());
        assertThat(waiting.getConditions()).extracting(c -> c.getType() + ": " + c.getMessage())
                .anySatisfy(text -> assertThat(text).startsWith("WaitingForDependency: waiting for database to be Healthy"));
        assertThat(client.configMaps().inNamespace(destination).withName("web").get()).isNull();

        repository.commit("main", Map.of("database/db.yaml", deploymentYaml("database", null)), "schedulable");
        controller.refresh(List.of("database"));

        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(destination).withName("web").get() != null);
        awaitStatus("web", status -> "Synced".equals(sync(status)) && status.getConditions() == null);
    }

    @Test
    void an_application_of_applications_reports_the_health_of_its_children() {
        String childName = "child-" + UUID.randomUUID().toString().substring(0, 6);
        Application child = application(childName, "child", automated(true, true));
        child.getMetadata().setNamespace(null);
        String childYaml = client.getKubernetesSerialization().asYaml(child);
        repository.commit("main", Map.of("child/config.yaml", configMapYaml("from-child", "k", "v"), "parent/child.yaml", childYaml), "tree");
        Application parent = application("parent", "parent", automated(true, false));
        parent.getSpec().getDestination().setNamespace(appNamespace);
        create(parent);

        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(destination).withName("from-child").get() != null);
        ApplicationStatus parentStatus = awaitStatus("parent", status -> "Synced".equals(sync(status))
                && status.getHealth() != null && "Healthy".equals(status.getHealth().getStatus()));
        assertThat(parentStatus.getResources()).extracting(ResourceStatus::getKind, ResourceStatus::getName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Application", childName));
    }

    @Test
    void a_project_violation_applies_nothing() {
        var project = new AppProject();
        project.getMetadata().setName("narrow");
        project.getMetadata().setNamespace(appNamespace);
        var spec = new AppProjectSpec();
        spec.setSourceRepos(List.of("*"));
        var allowed = new ProjectDestination();
        allowed.setServer("*");
        allowed.setNamespace("only-this-one");
        spec.setDestinations(List.of(allowed));
        project.setSpec(spec);
        client.resource(project).create();
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("forbidden", "k", "v")), "one");
        Application application = application("violation", "app", automated(true, true));
        application.getSpec().setProject("narrow");
        create(application);

        ApplicationStatus status = awaitStatus("violation", current -> current.getConditions() != null && !current.getConditions().isEmpty());
        assertThat(status.getConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getType()).isEqualTo("InvalidSpecError");
            assertThat(condition.getMessage()).contains("namespace " + destination + " is not permitted in project 'narrow'");
        });
        assertThat(client.configMaps().inNamespace(destination).withName("forbidden").get()).isNull();
    }

    @Test
    void deleting_an_application_with_the_finalizer_deletes_its_resources() {
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("cascade", "k", "v")), "one");
        Application application = application("cascade", "app", automated(false, false));
        application.getMetadata().setFinalizers(List.of(ApplicationReconciler.FINALIZER));
        create(application);
        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(destination).withName("cascade").get() != null);

        client.resources(Application.class).inNamespace(appNamespace).withName("cascade").delete();

        await().atMost(TIMEOUT).until(() -> client.resources(Application.class).inNamespace(appNamespace).withName("cascade").get() == null);
        assertThat(client.configMaps().inNamespace(destination).withName("cascade").get()).isNull();
    }

    @Test
    void a_webhook_with_a_bad_signature_is_rejected_and_a_signed_push_refreshes_at_once() throws Exception {
        String first = repository.commit("main", Map.of("app/config.yaml", configMapYaml("hooked", "v", "1")), "one");
        Application application = application("webhook", "app", automated(false, false));
        application.getMetadata().setAnnotations(Map.of(ApplicationReconciler.POLL_INTERVAL_ANNOTATION, "1h"));
        create(application);
        awaitStatus("webhook", status -> first.equals(revision(status)));
        String second = repository.commit("main", Map.of("app/config.yaml", configMapYaml("hooked", "v", "2")), "two");
        String payload = """
                {"ref": "refs/heads/main", "after": "%s",
                 "repository": {"clone_url": "%s", "default_branch": "main"}}""".formatted(second, git.url(repositoryName));

        assertThat(postWebhook(payload, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(postWebhook(payload, null).statusCode()).isEqualTo(401);
        assertThat(revision(status("webhook"))).as("no refresh from a refused webhook").isEqualTo(first);

        HttpResponse<String> accepted = postWebhook(payload, "sha256=" + hmac(payload));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        awaitStatus("webhook", status -> second.equals(revision(status)) && "Synced".equals(sync(status)));
        assertThat(configMap("hooked").getData()).containsEntry("v", "2");
    }

    @Test
    void a_controller_stopped_in_the_middle_of_a_sync_resumes_it() throws Exception {
        String namespace = "resume-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        String zone = "zone-" + UUID.randomUUID().toString().substring(0, 6);
        repository.commit("main", Map.of(
                "app/web.yaml", deploymentYaml("blocked", zone),
                "app/after.yaml", configMapYaml("after", "k", "v").replace("metadata:\n", "metadata:\n  annotations: {capstan.dev/sync-wave: \"1\"}\n")),
                "two waves");
        Application application = application("resume", "app", null);
        application.getMetadata().setNamespace(namespace);
        CapstanController first = CapstanController.start(client, options(namespace, "cache-first"));
        try {
            client.resource(application).create();
            requestSync(namespace, "resume", operation -> { });
            ApplicationStatus running = await().atMost(TIMEOUT).until(() -> statusIn(namespace, "resume"), status -> status != null
                    && status.getOperationState() != null && "Running".equals(status.getOperationState().getPhase())
                    && client.apps().deployments().inNamespace(destination).withName("blocked").get() != null);
            assertThat(running.getOperationState().getStartedAt()).isNotNull();
        } finally {
            first.close();
        }
        String startedAt = statusIn(namespace, "resume").getOperationState().getStartedAt();
        assertThat(client.configMaps().inNamespace(destination).withName("after").get()).as("wave 1 not reached").isNull();

        client.nodes().list().getItems().forEach(node -> client.nodes().withName(node.getMetadata().getName())
                .edit(edited -> { edited.getMetadata().getLabels().put("zone", zone); return edited; }));
        try (CapstanController second = CapstanController.start(client, options(namespace, "cache-second"))) {
            ApplicationStatus done = await().atMost(TIMEOUT).until(() -> statusIn(namespace, "resume"), status -> status != null
                    && status.getOperationState() != null && "Succeeded".equals(status.getOperationState().getPhase()));
            assertThat(done.getOperationState().getStartedAt()).as("the same operation, resumed").isEqualTo(startedAt);
            var blocked = second.liveState().get(new dev.capstan.engine.ResourceKey("apps", "Deployment", destination, "blocked")).orElseThrow();
            assertThat(blocked.string("/spec/template/spec/containers/0/image")).as("an object that was there before the watch is whole")
                    .isEqualTo("registry.invalid/blocked:1");
            assertThat(client.configMaps().inNamespace(destination).withName("after").get()).isNotNull();
        }
    }

    @Test
    void what_a_sync_did_survives_a_failed_write_of_the_status() throws Exception {
        String namespace = "lostwrite-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("lost-write", "k", "v")), "one");
        Application application = application("lost", "app", automated(false, false));
        application.getMetadata().setNamespace(namespace);
        var failed = new java.util.concurrent.atomic.AtomicInteger();
        Interceptor failFirstStatusWrite = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, io.fabric8.kubernetes.client.http.HttpRequest request, RequestTags tags) {
                if (request.method().equals("PUT") && request.uri().getPath().endsWith("/applications/lost/status")
                        && failed.getAndIncrement() == 0) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("connection lost (simulated)"));
                }
            }
        };
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient failing = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("fail-first-status-write", failFirstStatusWrite)).build();
             CapstanController own = CapstanController.start(failing, options(namespace, "cache-lost"))) {
            client.resource(application).create();

            ApplicationStatus status = await().atMost(TIMEOUT).until(() -> statusIn(namespace, "lost"), current -> current != null
                    && current.getOperationState() != null && "Succeeded".equals(current.getOperationState().getPhase()));

            assertThat(failed.get()).as("the first write of the status failed").isGreaterThan(1);
            assertThat(status.getHistory()).hasSize(1);
            assertThat(status.getInventory()).extracting(entry -> entry.getName()).containsExactly("lost-write");
        }
    }

    @Test
    void a_refresh_annotation_looks_up_the_revision_at_once_and_is_removed() {
        String first = repository.commit("main", Map.of("app/config.yaml", configMapYaml("refreshed", "v", "1")), "one");
        Application application = application("refresh", "app", automated(false, false));
        application.getMetadata().setAnnotations(Map.of(ApplicationReconciler.POLL_INTERVAL_ANNOTATION, "1h"));
        create(application);
        awaitStatus("refresh", status -> first.equals(revision(status)));
        String second = repository.commit("main", Map.of("app/config.yaml", configMapYaml("refreshed", "v", "2")), "two");

        client.resources(Application.class).inNamespace(appNamespace).withName("refresh")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"capstan.dev/refresh\":\"hard\"}}}");

        awaitStatus("refresh", status -> second.equals(revision(status)) && "Synced".equals(sync(status)));
        await().atMost(TIMEOUT).until(() -> !client.resources(Application.class).inNamespace(appNamespace).withName("refresh").get()
                .getMetadata().getAnnotations().containsKey(ApplicationReconciler.REFRESH_ANNOTATION));
    }

    @Test
    void automated_sync_does_not_prune_everything_when_git_becomes_empty_unless_allowed() {
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("precious", "k", "v")), "one");
        create(application("empty", "app", automated(true, false)));
        awaitStatus("empty", status -> "Synced".equals(sync(status)));

        var emptied = new LinkedHashMap<String, String>();
        emptied.put("app/config.yaml", null);
        emptied.put("app/README.md", "nothing to deploy here now");
        repository.commit("main", emptied, "empty the directory");
        controller.refresh(List.of("empty"));

        ApplicationStatus held = awaitStatus("empty", status -> status.getConditions() != null && !status.getConditions().isEmpty());
        assertThat(held.getConditions()).extracting(c -> c.getType())
                .containsExactly("AutoSyncHeld");
        assertThat(client.configMaps().inNamespace(destination).withName("precious").get()).isNotNull();
    }

    @Test
    void a_failed_sync_is_retried_per_the_policy_then_reported_failed() {
        repository.commit("main", Map.of("app/bad.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: bad
                spec:
                  ports:
                  - port: 70000
                """), "an invalid port");
        SyncPolicy policy = automated(false, false);
        var retry = new dev.capstan.api.v1alpha1.RetryStrategy();
        retry.setLimit(2L);
        var backoff = new dev.capstan.api.v1alpha1.RetryStrategy.Backoff();
        backoff.setDuration("1s");
        backoff.setFactor(1L);
        retry.setBackoff(backoff);
        policy.setRetry(retry);
        create(application("retry", "app", policy));

        ApplicationStatus failed = awaitStatus("retry", status -> status.getOperationState() != null
                && "Failed".equals(status.getOperationState().getPhase()));
        assertThat(failed.getOperationState().getRetryCount()).isEqualTo(2L);
        assertThat(failed.getOperationState().getMessage()).contains("Service/" + destination + "/bad");
        assertThat(events("retry")).extracting(Event::getReason).contains("SyncFailed");
    }

    @Test
    void self_heal_backs_off_when_another_writer_keeps_changing_a_field() {
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("contested", "owner", "git")), "one");
        create(application("fight", "app", automated(false, true)));
        awaitStatus("fight", status -> "Synced".equals(sync(status)));

        ApplicationStatus backingOff = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
            client.configMaps().inNamespace(destination).resource(new ConfigMapBuilder()
                            .withNewMetadata().withName("contested").withNamespace(destination).endMetadata()
                            .addToData("owner", "other-controller").build())
                    .fieldManager("other-controller").forceConflicts().serverSideApply();
            return status("fight");
        }, status -> status.getConditions() != null && status.getConditions().stream()
                .anyMatch(condition -> condition.getType().equals("SelfHealBackoff")));

        assertThat(backingOff.getConditions()).filteredOn(condition -> condition.getType().equals("SelfHealBackoff")).first()
                .satisfies(condition -> assertThat(condition.getMessage()).contains("another controller may be writing them"));
        assertThat(events("fight")).extracting(Event::getReason).contains("SelfHealBackoff");
    }

    @Test
    void a_self_heal_held_back_by_the_guard_happens_when_the_wait_ends_not_at_the_next_poll() {
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("guarded", "owner", "git")), "one");
        Application application = application("guarded", "app", automated(false, true));
        application.getMetadata().setAnnotations(Map.of(ApplicationReconciler.POLL_INTERVAL_ANNOTATION, "1h"));
        create(application);
        awaitStatus("guarded", status -> "Synced".equals(sync(status)));

        // five heals a minute are free; then each waits 2 s, 4 s, 8 s after the one before
        for (int drift = 1; drift <= 8; drift++) {
            client.configMaps().inNamespace(destination).resource(new ConfigMapBuilder()
                            .withNewMetadata().withName("guarded").withNamespace(destination).endMetadata()
                            .addToData("owner", "drift-" + drift).build())
                    .fieldManager("someone-with-kubectl").forceConflicts().serverSideApply();
            await("heal " + drift + ", poll interval 1h").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(configMap("guarded").getData()).containsEntry("owner", "git"));
        }
        assertThat(events("guarded")).extracting(Event::getReason).as("the guard held at least one heal back").contains("SelfHealBackoff");
    }

    @Test
    void the_live_state_holds_the_replica_sets_and_pods_of_a_managed_deployment_for_the_resource_tree() {
        repository.commit("main", Map.of("app/web.yaml", deploymentYaml("web", null)), "web");
        create(application("tree", "app", automated(false, false)));
        awaitStatus("tree", status -> "Synced".equals(sync(status)) && status.getHealth() != null
                && "Healthy".equals(status.getHealth().getStatus()));
        var deployment = new dev.capstan.engine.ResourceKey("apps", "Deployment", destination, "web");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            var live = controller.liveState();
            var web = live.get(deployment).orElseThrow();
            var replicaSets = live.childrenOf(web);
            assertThat(replicaSets).extracting(dev.capstan.engine.Manifest::kind).containsExactly("ReplicaSet");
            var pods = live.childrenOf(replicaSets.getFirst());
            assertThat(pods).extracting(dev.capstan.engine.Manifest::kind).containsExactly("Pod");
            assertThat(pods.getFirst().string("/status/phase")).isEqualTo("Running");
            assertThat(pods.getFirst().at("/spec/containers").isMissingNode()).as("children are kept as summaries").isTrue();
        });
    }

    @Test
    void a_malformed_file_in_git_is_named_with_its_line_and_what_was_applied_stays() {
        repository.commit("main", Map.of("app/config.yaml", configMapYaml("kept", "k", "v")), "good");
        create(application("malformed", "app", automated(true, true)));
        awaitStatus("malformed", status -> "Synced".equals(sync(status)));

        repository.commit("main", Map.of("app/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: kept
                data:
                  k: "unterminated
                """), "broken");
        controller.refresh(List.of("malformed"));

        ApplicationStatus broken = awaitStatus("malformed", status -> status.getConditions() != null && !status.getConditions().isEmpty());
        assertThat(broken.getConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getType()).isEqualTo("ComparisonError");
            assertThat(condition.getMessage()).startsWith("app/config.yaml:7: malformed YAML").contains("line 6");
        });
        assertThat(configMap("kept").getData()).containsEntry("k", "v");
    }

    // --- helpers ----------------------------------------------------------------------------

    private static ControllerOptions options(String namespace, String cache) {
        return ControllerOptions.defaults(temporary.resolve(cache)).withNamespace(namespace)
                .withPollInterval(Duration.ofSeconds(2)).withWorkers(4);
    }

    private static HttpResponse<String> postWebhook(String payload, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.webhookPort().orElseThrow() + "/api/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static ApplicationStatus status(String name) {
        return statusIn(appNamespace, name);
    }

    private static ApplicationStatus statusIn(String namespace, String name) {
        Application application = client.resources(Application.class).inNamespace(namespace).withName(name).get();
        return application == null ? null : application.getStatus();
    }

    private Application application(String name, String path, SyncPolicy policy) {
        var application = new Application();
        application.getMetadata().setName(name);
        application.getMetadata().setNamespace(appNamespace);
        var spec = new ApplicationSpec();
        var source = new ApplicationSource();
        source.setRepoURL(git.url(repositoryName));
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

    private static SyncPolicy automated(boolean prune, boolean selfHeal) {
        var policy = new SyncPolicy();
        var automated = new SyncPolicy.Automated();
        automated.setPrune(prune);
        automated.setSelfHeal(selfHeal);
        policy.setAutomated(automated);
        return policy;
    }

    private static void create(Application application) {
        client.resource(application).create();
    }

    private static void requestSync(String name, Consumer<Operation> customise) {
        requestSync(appNamespace, name, customise);
    }

    private static void requestSync(String namespace, String name, Consumer<Operation> customise) {
        var operation = new Operation();
        operation.setSync(new Operation.SyncOperation());
        var initiatedBy = new InitiatedBy();
        initiatedBy.setUsername("tester");
        operation.setInitiatedBy(initiatedBy);
        customise.accept(operation);
        client.resources(Application.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"operation\":" + client.getKubernetesSerialization().asJson(operation) + "}");
    }

    private static ApplicationStatus awaitStatus(String name, java.util.function.Predicate<ApplicationStatus> condition) {
        return await().atMost(TIMEOUT).until(() -> Optional.ofNullable(
                        client.resources(Application.class).inNamespace(appNamespace).withName(name).get())
                .map(Application::getStatus).orElse(null), status -> status != null && condition.test(status));
    }

    private static String revision(ApplicationStatus status) {
        return status.getSync() == null ? null : status.getSync().getRevision();
    }

    private static String sync(ApplicationStatus status) {
        return status.getSync() == null ? null : status.getSync().getStatus();
    }

    private static int historySize(ApplicationStatus status) {
        return status.getHistory() == null ? 0 : status.getHistory().size();
    }

    private ConfigMap configMap(String name) {
        return Objects.requireNonNull(client.configMaps().inNamespace(destination).withName(name).get(), name);
    }

    private static List<Event> events(String application) {
        return client.v1().events().inNamespace(appNamespace).list().getItems().stream()
                .filter(event -> application.equals(event.getInvolvedObject().getName())).toList();
    }

    private static String configMapYaml(String name, String key, String value) {
        return ManifestTexts.configMap(name, key, value);
    }

    private static String deploymentYaml(String name, String nodeSelector) {
        return ManifestTexts.deployment(name, "registry.invalid/" + name + ":1",
                nodeSelector == null ? "" : "\n      nodeSelector: {zone: " + nodeSelector + "}");
    }
}
