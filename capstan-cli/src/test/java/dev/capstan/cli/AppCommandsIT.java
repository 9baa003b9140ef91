package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.HealthState;
import dev.capstan.api.v1alpha1.InitiatedBy;
import dev.capstan.api.v1alpha1.OperationState;
import dev.capstan.api.v1alpha1.RevisionHistory;
import dev.capstan.git.RepositorySecrets;
import dev.capstan.localcluster.LocalControlPlane;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands that edit Capstan's custom resources ({@code app}, {@code repo}, {@code proj},
 * {@code install}) against the real control plane. No controller runs: a test that needs one
 * plays its part by writing the status.
 */
@WithControlPlane
class AppCommandsIT {

    private static final String REPO = "https://github.com/shop/deploy.git";

    private LocalControlPlane controlPlane;
    private KubernetesClient client;
    private String namespace;

    @BeforeEach
    void setUp(LocalControlPlane controlPlane, KubernetesClient client, TestNamespace testNamespace) {
        this.controlPlane = controlPlane;
        this.client = client;
        this.namespace = testNamespace.name();
        for (var crd : CustomResourceDefinitions.all()) {
            client.resource(crd).fieldManager("capstan-test").forceConflicts().serverSideApply();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream()
                            .anyMatch(condition -> condition.getType().equals("Established") && condition.getStatus().equals("True")),
                            60, TimeUnit.SECONDS);
        }
    }

    @Test
    void create_then_list_and_get_show_it() {
        var created = capstan("app", "create", "web", "--repo", REPO, "--path", "web", "--dest-namespace", "shop",
                "--sync-option", "CreateNamespace=true", "--label", "team=shop");
        assertThat(created.exit()).as(created.printed()).isZero();
        assertThat(created.out()).isEqualTo("Application.capstan.dev/" + namespace + "/web created\n");

        Application web = application("web");
        assertThat(web.getMetadata().getFinalizers()).containsExactly(Application.RESOURCES_FINALIZER);
        assertThat(web.getSpec().getProject()).isEqualTo("default");
        assertThat(web.getSpec().getDestination().getServer()).isEqualTo("https://kubernetes.default.svc");

        var list = capstan("app", "list", "-l", "team=shop");
        assertThat(list.exit()).as(list.printed()).isZero();
        assertThat(list.out()).isEqualTo("""
                NAME  PROJECT  SYNC  HEALTH  REVISION  REPO                                PATH
                web   default                          https://github.com/shop/deploy.git  web
                """);
        assertThat(capstan("app", "list", "-l", "team=other").out()).isEqualTo("NAME  PROJECT  SYNC  HEALTH  REVISION  REPO  PATH\n");
        assertThat(capstan("app", "list", "-l", "team=shop", "-p", "default", "-o", "name").out()).isEqualTo("web\n");
        assertThat(capstan("app", "list", "-l", "team=shop", "-p", "other").out().lines()).hasSize(1);

        var get = capstan("app", "get", "web");
        assertThat(get.exit()).as(get.printed()).isZero();
        assertThat(get.out()).contains("Name:", namespace + "/web", "Repository:", REPO, "Revision:", "HEAD",
                "Destination:", "https://kubernetes.default.svc, namespace shop", "Sync policy:", "manual",
                "Sync options:", "CreateNamespace=true", "Sync status:", "Unknown");
        var yaml = capstan("app", "get", "web", "-o", "yaml");
        assertThat(yaml.out()).contains("kind: Application", "repoURL: " + REPO).doesNotContain("managedFields");

        assertThat(capstan("app", "create", "web", "--repo", REPO, "--path", "web", "--dest-namespace", "shop",
                "--sync-option", "CreateNamespace=true", "--label", "team=shop").out()).as("the same again changes nothing")
                .endsWith("/web unchanged\n");
        var differs = capstan("app", "create", "web", "--repo", REPO, "--path", "other");
        assertThat(differs.exit()).isEqualTo(1);
        assertThat(differs.err()).contains("/web already exists and differs; pass --upsert");
        assertThat(capstan("app", "create", "web", "--repo", REPO, "--path", "other", "--upsert").out()).endsWith("/web updated\n");
        assertThat(application("web").getSpec().getSource().getPath()).isEqualTo("other");
    }

    @Test
    void create_from_a_file_and_get_a_missing_one() {
        var file = new ByteArrayInputStream("""
                apiVersion: capstan.dev/v1alpha1
                kind: Application
                metadata:
                  name: from-file
                spec:
                  source: {repoURL: https://github.com/shop/deploy.git, path: db}
                  destination: {server: https://kubernetes.default.svc, namespace: db}
                """.getBytes(StandardCharsets.UTF_8));

        var created = withStdin(file, () -> capstan("app", "create", "-f", "-", "--revision", "v1.2.0", "--no-cascade-finalizer"));

        assertThat(created.exit()).as(created.printed()).isZero();
        Application fromFile = application("from-file");
        assertThat(fromFile.getSpec().getSource().getTargetRevision()).isEqualTo("v1.2.0");
        assertThat(fromFile.getMetadata().getFinalizers()).isEmpty();

        var missing = capstan("app", "get", "absent");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("capstan: Application.capstan.dev/" + namespace + "/absent not found\n");
    }

    @Test
    void set_changes_only_the_fields_given() {
        create("settable");

        var set = capstan("app", "set", "settable", "--revision", "v2", "--sync-policy", "automated", "--self-heal", "--auto-prune");
        assertThat(set.exit()).as(set.printed()).isZero();
        assertThat(set.out()).endsWith("/settable updated\n");
        Application changed = application("settable");
        assertThat(changed.getSpec().getSource().getTargetRevision()).isEqualTo("v2");
        assertThat(changed.getSpec().getSource().getPath()).isEqualTo("settable");
        assertThat(changed.getSpec().getSyncPolicy().getAutomated().getSelfHeal()).isTrue();
        assertThat(capstan("app", "get", "settable").out()).contains("automated (prune, self-heal)");

        assertThat(capstan("app", "set", "settable", "--sync-policy", "manual").exit()).isZero();
        assertThat(application("settable").getSpec().getSyncPolicy().getAutomated()).isNull();
        assertThat(capstan("app", "set", "settable", "--sync-policy", "manual").out()).endsWith("/settable unchanged\n");
        assertThat(capstan("app", "set", "absent", "--path", "x").exit()).isEqualTo(1);
    }

    @Test
    void sync_writes_the_operation_and_refuses_while_one_is_pending_or_running() {
        create("syncable");

        var sync = capstan("app", "sync", "syncable", "--async", "--revision", "abc1234", "--prune",
                "--resource", "Deployment.apps/shop/web", "--resource", "ConfigMap/settings", "--sync-option", "Replace=true");

        assertThat(sync.exit()).as(sync.printed()).isZero();
        var operation = application("syncable").getOperation();
        assertThat(operation.getSync().getRevision()).isEqualTo("abc1234");
        assertThat(operation.getSync().getPrune()).isTrue();
        assertThat(operation.getSync().getDryRun()).isNull();
        assertThat(operation.getSync().getSyncOptions()).containsExactly("Replace=true");
        assertThat(operation.getSync().getResources()).extracting(r -> r.getGroup() + " " + r.getKind() + " " + r.getNamespace() + " " + r.getName())
                .containsExactly("apps Deployment shop web", "null ConfigMap null settings");
        assertThat(operation.getInitiatedBy().getUsername()).isEqualTo(System.getProperty("user.name"));

        var pending = capstan("app", "sync", "syncable", "--async");
        assertThat(pending.exit()).isEqualTo(1);
        assertThat(pending.err()).contains("an operation is already requested by " + System.getProperty("user.name") + " and not started yet");

        startOperation("syncable", "Running");
        var running = capstan("app", "sync", "syncable", "--async");
        assertThat(running.exit()).isEqualTo(1);
        assertThat(running.err()).contains("an operation is running: Sync Running");
    }

    @Test
    void sync_waits_for_the_controller_and_prints_the_result() {
        create("waited");
        var controller = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> application("waited").getOperation() != null);
            startOperation("waited", "Running");
            finishOperation("waited", "Succeeded", "successfully synced");
        });

        var sync = capstan("app", "sync", "waited", "--timeout", "60s");
        controller.join();

        assertThat(sync.exit()).as(sync.printed()).isZero();
        assertThat(sync.out()).contains("sync of Application.capstan.dev/" + namespace + "/waited requested",
                "Sync Succeeded: successfully synced", "apps   Deployment  shop       web   Sync   APPLY   SUCCEEDED");
    }

    @Test
    void wait_returns_when_reached_and_says_what_is_missing_on_timeout() {
        create("awaited");
        writeStatus("awaited", status -> {
            var sync = new ApplicationStatus.Sync();
            sync.setStatus("OutOfSync");
            status.setSync(sync);
            var health = new HealthState();
            health.setStatus("Healthy");
            status.setHealth(health);
        });

        assertThat(capstan("app", "wait", "awaited", "--health", "--timeout", "10s").exit()).isZero();
        var timedOut = capstan("app", "wait", "awaited", "--timeout", "1s");
        assertThat(timedOut.exit()).isEqualTo(1);
        assertThat(timedOut.err()).contains("timed out after 1s waiting for Application.capstan.dev/" + namespace + "/awaited: "
                + "sync status is OutOfSync, not Synced");
    }

    @Test
    void history_and_rollback_to_the_previous_or_a_given_entry() {
        create("rollable");
        writeStatus("rollable", status -> status.setHistory(List.of(
                history(1, "1111111111111111111111111111111111111111", "v1"),
                history(2, "2222222222222222222222222222222222222222", "v2"),
                history(3, "3333333333333333333333333333333333333333", "v3"))));

        var history = capstan("app", "history", "rollable");
        assertThat(history.exit()).as(history.printed()).isZero();
        assertThat(history.out()).startsWith("ID  DATE                  REVISION                                  INITIATED BY  SOURCE\n")
                .contains("2   2026-01-02T10:00:00Z  2222222222222222222222222222222222222222  alice         " + REPO + " v2\n");

        var rollback = capstan("app", "rollback", "rollable", "--async");
        assertThat(rollback.exit()).as(rollback.printed()).isZero();
        var sync = application("rollable").getOperation().getSync();
        assertThat(sync.getRollbackTo()).isEqualTo(2L);
        assertThat(sync.getRevision()).isEqualTo("2222222222222222222222222222222222222222");
        assertThat(sync.getSource().getPath()).isEqualTo("v2");

        clearOperation("rollable");
        assertThat(capstan("app", "rollback", "rollable", "1", "--async").exit()).isZero();
        assertThat(application("rollable").getOperation().getSync().getRollbackTo()).isEqualTo(1L);

        clearOperation("rollable");
        var unknown = capstan("app", "rollback", "rollable", "9", "--async");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no history entry 9 (it has 1, 2, 3)");
    }

    @Test
    void rollback_is_refused_while_automated_sync_is_on() {
        create("automated");
        capstan("app", "set", "automated", "--sync-policy", "automated");
        writeStatus("automated", status -> status.setHistory(List.of(history(1, "a", "v1"), history(2, "b", "v2"))));

        var refused = capstan("app", "rollback", "automated", "--async");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("disable automated sync first: capstan app set automated --sync-policy manual");
        assertThat(application("automated").getOperation()).isNull();
    }

    @Test
    void delete_without_cascade_removes_the_finalizer_and_with_cascade_leaves_it_to_the_controller() {
        create("orphaning");
        var orphaned = capstan("app", "delete", "orphaning", "--cascade=false", "--wait", "--timeout", "30s");
        assertThat(orphaned.exit()).as(orphaned.printed()).isZero();
        assertThat(orphaned.out()).contains("its resources are left in place", "is gone");
        assertThat(client.resources(Application.class).inNamespace(namespace).withName("orphaning").get()).isNull();

        create("cascading");
        var cascaded = capstan("app", "delete", "cascading");
        assertThat(cascaded.exit()).as(cascaded.printed()).isZero();
        Application deleting = application("cascading");
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(deleting.getMetadata().getFinalizers()).containsExactly(Application.RESOURCES_FINALIZER);
        assertThat(capstan("app", "get", "cascading").out()).contains("Deleting:");
        assertThat(capstan("app", "delete", "cascading", "--cascade=false").exit()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.resources(Application.class).inNamespace(namespace).withName("cascading").get() == null);
    }

    @Test
    void repositories_are_added_listed_and_removed_without_showing_a_password() {
        var added = withStdin(new ByteArrayInputStream("t0ken-value\n".getBytes(StandardCharsets.UTF_8)),
                () -> capstan("repo", "add", REPO, "--username", "bot", "--password-stdin"));
        assertThat(added.exit()).as(added.printed()).isZero();
        String name = Repositories.secretName(REPO);
        assertThat(added.out()).isEqualTo("repository " + REPO + " added (Secret/" + namespace + "/" + name + ")\n");

        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        assertThat(secret.getMetadata().getLabels()).containsEntry(RepositorySecrets.TYPE_LABEL, RepositorySecrets.REPOSITORY);
        assertThat(decoded(secret)).containsEntry("url", REPO).containsEntry("type", "git")
                .containsEntry("username", "bot").containsEntry("password", "t0ken-value");

        var again = capstan("repo", "add", "https://GitHub.com/shop/deploy", "--username", "bot", "--password", "other");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains(name + " exists already and differs; pass --upsert").doesNotContain("other");
        assertThat(capstan("repo", "add", "https://github.com/shop/public.git").exit()).isZero();

        var list = capstan("repo", "list");
        assertThat(list.exit()).as(list.printed()).isZero();
        assertThat(list.out()).contains("URL", "TYPE", "USER", "NAME", REPO, "bot", name, "https://github.com/shop/public.git")
                .doesNotContain("t0ken");

        var removed = capstan("repo", "rm", "https://github.com/shop/deploy");
        assertThat(removed.exit()).as(removed.printed()).isZero();
        assertThat(client.secrets().inNamespace(namespace).withName(name).get()).isNull();
        assertThat(capstan("repo", "rm", "https://github.com/shop/deploy").exit()).isEqualTo(1);
        for (var run : List.of(added, again, list, removed)) {
            assertThat(run.out() + run.err()).doesNotContain("t0ken-value");
        }
    }

    @Test
    void projects_are_created_listed_and_shown() {
        var created = capstan("proj", "create", "shop", "--description", "The shop", "--source-repo", "https://github.com/shop/*",
                "--dest", "https://kubernetes.default.svc,shop-*", "--allow-cluster-resource", "/Namespace",
                "--deny-namespaced-resource", "/ResourceQuota");
        assertThat(created.exit()).as(created.printed()).isZero();

        AppProject shop = client.resources(AppProject.class).inNamespace(namespace).withName("shop").get();
        assertThat(shop.getSpec().getSourceRepos()).containsExactly("https://github.com/shop/*");
        assertThat(shop.getSpec().getDestinations().getFirst().getNamespace()).isEqualTo("shop-*");
        assertThat(shop.getSpec().getClusterResourceWhitelist().getFirst().getKind()).isEqualTo("Namespace");
        assertThat(shop.getSpec().getNamespaceResourceBlacklist().getFirst().getGroup()).isEmpty();

        var get = capstan("proj", "get", "shop");
        assertThat(get.out()).contains("Description:", "The shop", "https://kubernetes.default.svc,shop-*",
                "Cluster kinds allowed:", "/Namespace", "Namespaced kinds allowed: all", "Namespaced kinds denied:  /ResourceQuota");
        assertThat(capstan("proj", "list").out()).containsPattern("shop +The shop +https://github.com/shop/\\* +https://kubernetes.default.svc,shop-\\*\\n");
        assertThat(capstan("proj", "create", "shop", "--description", "Changed").exit()).isEqualTo(1);
        assertThat(capstan("proj", "create", "shop", "--description", "Changed", "--upsert").out()).endsWith("/shop updated\n");
    }

    @Test
    void install_prints_what_it_would_apply_then_applies_it_once() {
        String target = namespace + "-install";
        var dryRun = run("install", "--dry-run", "-o", "yaml", "--namespace", target, "--image", "example.org/capstan:test",
                "--kubeconfig", controlPlane.kubeconfig().toString());
        assertThat(dryRun.exit()).as(dryRun.printed()).isZero();
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(dryRun.out().getBytes(StandardCharsets.UTF_8))).items();
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("CustomResourceDefinition", "CustomResourceDefinition",
                "Namespace", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "ClusterRole",
                "ClusterRoleBinding", "Service", "Deployment", "AppProject", "ConfigMap");
        assertThat(client.namespaces().withName(target).get()).as("a dry run touches nothing").isNull();

        try {
            var installed = run("install", "--namespace", target, "--image", "example.org/capstan:test",
                    "--kubeconfig", controlPlane.kubeconfig().toString());
            assertThat(installed.exit()).as(installed.printed()).isZero();
            assertThat(installed.out().lines()).hasSize(objects.size());
            assertThat(installed.out()).contains("namespace/" + target + " created", "deployment.apps/capstan-controller created",
                    "appproject.capstan.dev/default created");
            for (HasMetadata object : objects) {
                assertThat(client.resource(object).get()).as(object.getKind() + " " + object.getMetadata().getName()).isNotNull();
            }
            assertThat(client.apps().deployments().inNamespace(target).withName("capstan-controller").get()
                    .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("example.org/capstan:test");

            client.configMaps().inNamespace(target).withName("capstan-rbac-cm")
                    .edit(policy -> new ConfigMapBuilder(policy).addToData("policy.default", "").build());

            var again = run("install", "--namespace", target, "--image", "example.org/capstan:test",
                    "--kubeconfig", controlPlane.kubeconfig().toString());
            assertThat(again.exit()).as(again.printed()).isZero();
            assertThat(again.out().lines()).as(again.out()).allMatch(line -> line.contains(" unchanged"));
            assertThat(again.out()).contains("configmap/capstan-rbac-cm unchanged (exists; left as it is)");
            assertThat(client.configMaps().inNamespace(target).withName("capstan-rbac-cm").get().getData())
                    .as("the user's policy is kept").containsEntry("policy.default", "");
        } finally {
            client.namespaces().withName(target).delete();
        }
    }

    // --- helpers

    /** Runs capstan against the control plane with the test's namespace as the app namespace. */
    private CommandRun capstan(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", controlPlane.kubeconfig().toString(), "-N", namespace));
        return run(all.toArray(String[]::new));
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static CommandRun withStdin(InputStream stdin, java.util.function.Supplier<CommandRun> run) {
        InputStream original = System.in;
        System.setIn(stdin);
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }

    private void create(String name) {
        var created = capstan("app", "create", name, "--repo", REPO, "--path", name);
        assertThat(created.exit()).as(created.printed()).isZero();
    }

    private Application application(String name) {
        return client.resources(Application.class).inNamespace(namespace).withName(name).get();
    }

    private void writeStatus(String name, java.util.function.Consumer<ApplicationStatus> change) {
        Application application = application(name);
        if (application.getStatus() == null) {
            application.setStatus(new ApplicationStatus());
        }
        change.accept(application.getStatus());
        client.resources(Application.class).inNamespace(namespace).resource(application).updateStatus();
    }

    /** What the controller does when it starts: records the operation as running and clears the request. */
    private void startOperation(String name, String phase) {
        var operation = application(name).getOperation();
        writeStatus(name, status -> {
            var state = new OperationState();
            state.setOperation(operation);
            state.setPhase(phase);
            state.setStartedAt("2026-01-01T10:00:00Z");
            status.setOperationState(state);
        });
        clearOperation(name);
    }

    private void finishOperation(String name, String phase, String message) {
        writeStatus(name, status -> {
            var state = status.getOperationState();
            state.setPhase(phase);
            state.setMessage(message);
            state.setFinishedAt("2026-01-01T10:00:05Z");
            state.setSyncResult(Map.of("tasks", List.of(Map.of("group", "apps", "kind", "Deployment", "namespace", "shop",
                    "name", "web", "phase", "Sync", "action", "APPLY", "status", "SUCCEEDED", "message", ""))));
        });
    }

    private void clearOperation(String name) {
        client.resources(Application.class).inNamespace(namespace).withName(name).edit(application -> {
            application.setOperation(null);
            return application;
        });
    }

    private static RevisionHistory history(long id, String revision, String path) {
        var entry = new RevisionHistory();
        entry.setId(id);
        entry.setRevision(revision);
        entry.setDeployedAt("2026-01-0" + id + "T10:00:00Z");
        var initiatedBy = new InitiatedBy();
        initiatedBy.setUsername("alice");
        entry.setInitiatedBy(initiatedBy);
        var source = new ApplicationSource();
        source.setRepoURL(REPO);
        source.setPath(path);
        entry.setSource(source);
        return entry;
    }

    private static Map<String, String> decoded(Secret secret) {
        var data = new java.util.LinkedHashMap<String, String>();
        secret.getData().forEach((key, value) -> data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        return data;
    }
}
