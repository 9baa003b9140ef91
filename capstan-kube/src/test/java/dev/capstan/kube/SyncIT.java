package dev.capstan.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.sync.OperationPhase;
import dev.capstan.engine.sync.Sleeper;
import dev.capstan.engine.sync.SyncAction;
import dev.capstan.engine.sync.SyncListener;
import dev.capstan.engine.sync.SyncOptions;
import dev.capstan.engine.sync.SyncPhase;
import dev.capstan.engine.sync.SyncPlan;
import dev.capstan.engine.sync.SyncPlanner;
import dev.capstan.engine.sync.SyncRequest;
import dev.capstan.engine.sync.SyncRunner;
import dev.capstan.engine.sync.SyncRunnerOptions;
import dev.capstan.engine.sync.SyncState;
import dev.capstan.engine.sync.SyncStep;
import dev.capstan.engine.sync.SyncTask;
import dev.capstan.engine.sync.TaskResult;
import dev.capstan.engine.sync.TaskStatus;
import dev.capstan.testkit.WithControlPlane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sync engine (planner, decider, runner) against a real API server, through the fabric8
 * {@link ClusterClient}: what ends up in the cluster, and in what order. kwok plays the node, so
 * Deployment pods become ready and Job pods complete. Each test gets a namespace of its own, and
 * reads the live objects for its plans the way the controller does: every desired key, the
 * application's inventory (the prune candidates) and the destination namespace.
 */
@WithControlPlane
class SyncIT {

    private static final String APP = "shop";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Function<Manifest, Health> HEALTH = live -> HealthAssessor.builtIn().assess(live).health();
    /** Quick polls and short back-offs: the defaults (a look every 2 s) would only make the tests slow. */
    private static final SyncRunnerOptions RUNNER = new SyncRunnerOptions(
            8, 10, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(200), TIMEOUT);

    private KubernetesClient client;
    private RecordingClusterClient cluster;
    private String namespace;
    private final List<String> crdsToDelete = new ArrayList<>();
    private final List<String> namespacesToDelete = new ArrayList<>();

    @BeforeEach
    void create_a_namespace_of_its_own(KubernetesClient kubernetesClient) {
        client = kubernetesClient;
        cluster = new RecordingClusterClient(new Fabric8ClusterClient(client));
        namespace = "sync-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("capstan.dev/test-class", "syncit").endMetadata().build()).create();
        // Pods are admitted only once the namespace's default service account exists.
        await().atMost(TIMEOUT).until(() -> client.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
    }

    @AfterEach
    void delete_what_the_test_created() {
        crdsToDelete.forEach(name -> client.apiextensions().v1().customResourceDefinitions().withName(name).delete());
        namespacesToDelete.forEach(name -> client.namespaces().withName(name).delete());
        client.namespaces().withName(namespace).delete();
    }

    @Test
    void waves_are_applied_in_order_and_each_is_waited_for() throws Exception {
        Manifest before = wave(configMap("before", "x"), -1);
        Manifest web = deployment("web", 2);
        Manifest after = wave(configMap("after", "x"), 1);
        List<String> atWaveStart = new ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void waveStarted(SyncPhase phase, int wave) {
                atWaveStart.add("%s/%d: before %s, web %s, after %s".formatted(phase, wave,
                        existence(before), availability("web"), existence(after)));
            }
        };

        SyncState state = run(plan(SyncOptions.defaults(), List.of(), before, web, after), listener);

        assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(atWaveStart).containsExactly(
                "Sync/-1: before absent, web absent, after absent",
                "Sync/0: before present, web absent, after absent",
                "Sync/1: before present, web 2 of 2 available, after absent");
        assertThat(live(after)).isPresent();
    }

    @Test
    void a_pre_sync_hook_job_runs_before_the_resources_and_is_deleted_per_its_policy() throws Exception {
        Manifest migrate = annotate(job("migrate"), "capstan.dev/hook", "PreSync", "capstan.dev/hook-delete-policy", "HookSucceeded");
        Manifest seed = annotate(job("seed"), "argocd.argoproj.io/hook", "PreSync", "argocd.argoproj.io/hook-delete-policy", "HookSucceeded");
        Manifest warmUp = annotate(job("warm-up"), "capstan.dev/hook", "PreSync");
        Manifest config = configMap("config", "x");
        Map<String, String> whenHookDone = new LinkedHashMap<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void taskDone(TaskResult result) {
                if (result.action() == SyncAction.HOOK) {
                    whenHookDone.putIfAbsent(result.name(), "%s %s; job %s; config %s".formatted(result.phase(), result.status(),
                            jobCompletion(result.name()), existence(config)));
                }
            }
        };

        SyncState first = run(plan(SyncOptions.defaults(), List.of(), migrate, seed, warmUp, config), listener);

        assertThat(first.phase()).as(first.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(whenHookDone).containsOnly(
                Map.entry("migrate", "PreSync SUCCEEDED; job complete; config absent"),
                Map.entry("seed", "PreSync SUCCEEDED; job complete; config absent"),
                Map.entry("warm-up", "PreSync SUCCEEDED; job complete; config absent"));
        assertThat(live(config)).isPresent();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(List.of(live(migrate), live(seed))).allMatch(Optional::isEmpty));
        String warmUpUid = uidOf(warmUp);
        assertThat(jobCompletion("warm-up")).as("BeforeHookCreation keeps the hook after the sync").isEqualTo("complete");

        int writesBefore = cluster.writes().size();

        SyncState second = run(plan(SyncOptions.defaults(), List.of(), migrate, seed, warmUp, config), SyncListener.NONE);

        assertThat(second.phase()).as(second.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(uidOf(warmUp)).as("the hook is deleted and created again").isNotEqualTo(warmUpUid);
        assertThat(jobCompletion("warm-up")).isEqualTo("complete");
        assertThat(cluster.writes().subList(writesBefore, cluster.writes().size()))
                .containsSubsequence("delete " + warmUp.key(), "apply " + warmUp.key());
    }

    @Test
    void a_failing_hook_fails_the_sync_and_runs_sync_fail_hooks() throws Exception {
        // On kwok every Job pod that starts also succeeds, so this hook fails the way a real Job
        // fails, by its controller: its pod fits no node (none has the label), so it never starts,
        // and after activeDeadlineSeconds the job controller marks the Job Failed (DeadlineExceeded).
        // A deadline alone would race the pod's completion; backoffLimit 0 means no second try.
        Manifest failing = annotate(job("migrate").with(o -> {
            o.withObject("/spec").put("activeDeadlineSeconds", 1);
            o.withObject("/spec/template/spec/nodeSelector").put("capstan.dev/no-such-node", "true");
        }), "capstan.dev/hook", "PreSync");
        Manifest onFailure = annotate(configMap("sync-failed", "x"), "capstan.dev/hook", "SyncFail");
        Manifest config = configMap("config", "x");

        SyncState state = run(plan(SyncOptions.defaults(), List.of(), failing, onFailure, config), SyncListener.NONE);

        assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(state.message()).startsWith("one or more tasks failed: Job.batch/" + namespace + "/migrate: ")
                .contains("Degraded", "DeadlineExceeded");
        assertThat(jobCompletion("migrate")).isEqualTo("failed");
        assertThat(live(onFailure)).as("the SyncFail hook ran").isPresent();
        assertThat(resultNamed(state, "sync-failed").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(live(config)).as("Sync-phase resources are not applied after a failed PreSync hook").isEmpty();
        assertThat(resultNamed(state, "config").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(cluster.writes()).doesNotContain("apply " + config.key());
    }

    @Test
    void prune_removes_exactly_what_left_the_directory() throws Exception {
        Manifest a = configMap("a", "1");
        Manifest b = configMap("b", "2");
        Manifest c = configMap("c", "3");
        Manifest kept = annotate(configMap("kept", "4"), "capstan.dev/sync-options", "Prune=false");
        // Labelled like the application's objects, so the inventory lists it, but not carrying the
        // application's tracking id: it was not applied by the application, and is not pruned.
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("bystander").addToLabels("capstan.dev/app", APP).endMetadata()
                .addToData("owner", "someone else").build()).create();
        SyncOptions prune = SyncOptions.defaults().withPrune(true);
        SyncState first = run(plan(prune, inventory(), a, b, c, kept), SyncListener.NONE);
        assertThat(first.phase()).as(first.message()).isEqualTo(OperationPhase.SUCCEEDED);
        String uidOfA = uidOf(a);
        String uidOfC = uidOf(c);

        SyncPlan withoutB = plan(prune, inventory(), a, c);
        SyncState second = run(withoutB, SyncListener.NONE);

        assertThat(second.phase()).as(second.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(taskNamed(withoutB, "b").action()).isEqualTo(SyncAction.PRUNE);
        assertThat(live(b)).as("pruned").isEmpty();
        assertThat(uidOf(a)).isEqualTo(uidOfA);
        assertThat(uidOf(c)).isEqualTo(uidOfC);
        assertThat(live(kept)).as("Prune=false").isPresent();
        assertThat(taskNamed(withoutB, "kept").reason()).isEqualTo("Prune=false");
        assertThat(client.configMaps().inNamespace(namespace).withName("bystander").get()).as("untracked").isNotNull();
        assertThat(taskNamed(withoutB, "bystander").reason()).isEqualTo("not tracked by application " + APP);
        assertThat(cluster.writes()).filteredOn(write -> write.startsWith("delete")).containsExactly("delete " + b.key());

        SyncPlan withoutPrune = plan(SyncOptions.defaults(), inventory(), a);
        SyncState third = run(withoutPrune, SyncListener.NONE);

        assertThat(third.phase()).as(third.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(taskNamed(withoutPrune, "c")).satisfies(task -> {
            assertThat(task.action()).isEqualTo(SyncAction.SKIP);
            assertThat(task.reason()).isEqualTo("prune disabled");
        });
        assertThat(resultNamed(third, "c").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(uidOf(c)).isEqualTo(uidOfC);
        assertThat(cluster.writes()).filteredOn(write -> write.startsWith("delete")).containsExactly("delete " + b.key());
    }

    @Test
    void a_field_changed_by_another_manager_is_restored_by_apply() throws Exception {
        Manifest web = deployment("web", 2);
        assertThat(run(plan(SyncOptions.defaults(), List.of(), web), SyncListener.NONE).phase()).isEqualTo(OperationPhase.SUCCEEDED);
        GenericKubernetesResource edit = client.getKubernetesSerialization().unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: %s}
                spec: {replicas: 5}
                """.formatted(namespace), GenericKubernetesResource.class);
        client.genericKubernetesResources("apps/v1", "Deployment").inNamespace(namespace).resource(edit)
                .fieldManager("kubectl-edit").forceConflicts().serverSideApply();
        assertThat(live(web).orElseThrow().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(ownersOfReplicas(live(web).orElseThrow())).containsExactly("kubectl-edit");

        SyncState state = run(plan(SyncOptions.defaults(), List.of(), web), SyncListener.NONE);

        assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
        Manifest restored = live(web).orElseThrow();
        assertThat(restored.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(ownersOfReplicas(restored)).containsExactly("capstan");
    }

    @Test
    void an_immutable_field_change_fails_clearly_and_succeeds_with_force() throws Exception {
        Manifest v1 = job("once");
        assertThat(run(plan(SyncOptions.defaults(), List.of(), v1), SyncListener.NONE).phase()).isEqualTo(OperationPhase.SUCCEEDED);
        String firstUid = uidOf(v1);
        Manifest v2 = withImage(v1, "registry.invalid/job:2");

        SyncState refused = run(plan(SyncOptions.defaults(), List.of(), v2), SyncListener.NONE);

        assertThat(refused.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(refused.message()).startsWith("one or more tasks failed: Job.batch/" + namespace + "/once: cannot change an immutable field: ")
                .contains("field is immutable", "Force=true");
        assertThat(uidOf(v1)).isEqualTo(firstUid);
        assertThat(imageOf("once")).isEqualTo("registry.invalid/job:1");

        SyncState forced = run(plan(SyncOptions.defaults().withForce(true), List.of(), v2), SyncListener.NONE);

        assertThat(forced.phase()).as(forced.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(resultNamed(forced, "once").message()).startsWith("deleted and re-created (Force=true)");
        String secondUid = uidOf(v2);
        assertThat(secondUid).isNotEqualTo(firstUid);
        assertThat(imageOf("once")).isEqualTo("registry.invalid/job:2");

        Manifest v3 = annotate(withImage(v1, "registry.invalid/job:3"), "capstan.dev/sync-options", "Force=true");
        SyncState forcedByAnnotation = run(plan(SyncOptions.defaults(), List.of(), v3), SyncListener.NONE);

        assertThat(forcedByAnnotation.phase()).as(forcedByAnnotation.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(uidOf(v3)).isNotIn(firstUid, secondUid);
        assertThat(imageOf("once")).isEqualTo("registry.invalid/job:3");
    }

    @Test
    void a_custom_resource_of_a_crd_created_in_the_same_sync_is_applied() throws Exception {
        String group = uniqueGroup();
        Manifest crd = widgetDefinition(group);
        Manifest widget = widget(group, namespace);
        crdsToDelete.add(crd.name());

        SyncState state = run(plan(SyncOptions.defaults(), List.of(), widget, crd), SyncListener.NONE);

        assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd.name()).get()).isNotNull();
        GenericKubernetesResource gear = client.genericKubernetesResources(group + "/v1", "Widget")
                .inNamespace(namespace).withName("gear").get();
        assertThat(gear).isNotNull();
        assertThat(gear.get("spec", "size").toString()).isEqualTo("3");
    }

    @Test
    void a_sync_resumes_from_its_serialised_state() throws Exception {
        Manifest first = configMap("first", "x");
        Manifest second = wave(configMap("second", "x"), 1);
        List<SyncState> saved = new ArrayList<>();
        SyncListener crashingBeforeWaveOne = new SyncListener() {
            @Override
            public void stateChanged(SyncState state) {
                saved.add(state);
            }

            @Override
            public void stepStarted(SyncStep step) {
                if (step instanceof SyncStep.ApplyWave apply && apply.wave() == 1) {
                    throw new ControllerStopped();
                }
            }
        };
        SyncPlan plan = plan(SyncOptions.defaults(), List.of(), first, second);

        assertThatThrownBy(() -> run(plan, crashingBeforeWaveOne)).isInstanceOf(ControllerStopped.class);

        SyncState afterWaveZero = saved.getLast();
        assertThat(afterWaveZero.phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(afterWaveZero.tasks()).extracting(TaskResult::name, TaskResult::status)
                .containsExactly(tuple("first", TaskStatus.SUCCEEDED),
                        tuple("second", TaskStatus.PENDING));
        assertThat(live(second)).isEmpty();
        String firstVersion = live(first).orElseThrow().string("/metadata/resourceVersion");
        JsonMapper json = JsonMapper.builder().build();
        SyncState restored = json.readValue(json.writeValueAsString(afterWaveZero), SyncState.class);
        // A restarted controller renders and reads the cluster again: the plan is a fresh one.
        SyncPlan replanned = plan(SyncOptions.defaults(), List.of(), first, second);
        RecordingClusterClient restarted = new RecordingClusterClient(new Fabric8ClusterClient(client));

        SyncState finished = new SyncRunner(restarted, HEALTH, RUNNER, Clock.systemUTC(), Sleeper.SYSTEM, SyncListener.NONE)
                .resume(replanned, restored);

        assertThat(finished.phase()).as(finished.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(restarted.writes()).containsExactly("apply " + second.key());
        assertThat(live(second)).isPresent();
        assertThat(live(first).orElseThrow().string("/metadata/resourceVersion")).isEqualTo(firstVersion);
    }

    @Test
    void dry_run_changes_nothing() throws Exception {
        Manifest a = configMap("a", "1");
        Manifest b = configMap("b", "2");
        assertThat(run(plan(SyncOptions.defaults(), List.of(), a, b), SyncListener.NONE).phase()).isEqualTo(OperationPhase.SUCCEEDED);
        String versionOfA = live(a).orElseThrow().string("/metadata/resourceVersion");
        String versionOfB = live(b).orElseThrow().string("/metadata/resourceVersion");
        Manifest changedA = configMap("a", "changed");
        Manifest c = configMap("c", "3");
        Manifest hook = annotate(job("migrate"), "capstan.dev/hook", "PreSync");
        int writesBefore = cluster.writes().size();

        SyncState state = run(plan(SyncOptions.defaults().withPrune(true).withDryRun(true), inventory(), changedA, c, hook),
                SyncListener.NONE);

        assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(state.message()).isEqualTo("successfully synced (dry run)");
        assertThat(resultNamed(state, "b").message()).isEqualTo("pruned (dry run)");
        assertThat(cluster.writes().subList(writesBefore, cluster.writes().size())).isNotEmpty().allMatch(write -> write.endsWith("(dry run)"));
        assertThat(live(a).orElseThrow().string("/metadata/resourceVersion")).isEqualTo(versionOfA);
        assertThat(live(a).orElseThrow().string("/data/value")).isEqualTo("1");
        assertThat(live(b).orElseThrow().string("/metadata/resourceVersion")).isEqualTo(versionOfB);
        assertThat(live(c)).isEmpty();
        assertThat(live(hook)).isEmpty();
    }

    @Test
    void a_dry_run_of_a_first_sync_needs_neither_its_crd_nor_its_namespace() throws Exception {
        String group = uniqueGroup();
        Manifest crd = widgetDefinition(group);
        String fresh = namespace + "-fresh";
        Manifest widget = widget(group, fresh);
        Manifest config = configMap("config", "x").with(o -> o.withObject("/metadata").put("namespace", fresh));
        crdsToDelete.add(crd.name());
        namespacesToDelete.add(fresh);
        SyncOptions options = SyncOptions.defaults().withDryRun(true).withCreateNamespace(true);

        SyncState state = run(plan(fresh, options, List.of(), widget, config, crd), SyncListener.NONE);

        assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(resultNamed(state, "gear").message())
                .isEqualTo("created (dry run; not checked by the server: its CustomResourceDefinition is created by this sync)");
        assertThat(resultNamed(state, "config").message())
                .isEqualTo("created (dry run; not checked by the server: its namespace is created by this sync)");
        assertThat(cluster.writes()).isNotEmpty().allMatch(write -> write.endsWith("(dry run)"));
        assertThat(client.namespaces().withName(fresh).get()).isNull();
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd.name()).get()).isNull();
    }

    /** The listener's way of stopping a run between two steps, as a controller that restarts would. */
    private static final class ControllerStopped extends RuntimeException {
        ControllerStopped() {
            super("the controller stopped");
        }
    }

    // --- planning and running, as the controller does

    private SyncPlan plan(SyncOptions options, Collection<ResourceKey> inventory, Manifest... desired) {
        return plan(namespace, options, inventory, desired);
    }

    private SyncPlan plan(String destination, SyncOptions options, Collection<ResourceKey> inventory, Manifest... desired) {
        Set<ResourceKey> keys = new LinkedHashSet<>();
        keys.add(ResourceKey.of(GroupKind.core("Namespace"), "", destination));
        for (Manifest manifest : desired) {
            keys.add(manifest.key());
        }
        keys.addAll(inventory);
        Map<ResourceKey, Manifest> live = new LinkedHashMap<>();
        keys.forEach(key -> cluster.get(key).ifPresent(object -> live.put(key, object)));
        return new SyncPlanner().plan(SyncRequest.of(APP, destination, List.of(desired), live).withOptions(options));
    }

    private SyncState run(SyncPlan plan, SyncListener listener) throws InterruptedException {
        return new SyncRunner(cluster, HEALTH, RUNNER, Clock.systemUTC(), Sleeper.SYSTEM, listener).run(plan);
    }

    /** The application's inventory: the ConfigMaps in the namespace that carry its label. */
    private List<ResourceKey> inventory() {
        return cluster.list(GroupKind.core("ConfigMap"), namespace, "capstan.dev/app=" + APP).stream().map(Manifest::key).toList();
    }

    private static TaskResult resultNamed(SyncState state, String name) {
        return state.tasks().stream().filter(result -> result.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task for " + name + " in " + state.tasks()));
    }

    private static SyncTask taskNamed(SyncPlan plan, String name) {
        return plan.tasks().stream().filter(task -> task.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task for " + name + " in " + plan.tasks()));
    }

    // --- looking at the cluster

    private Optional<Manifest> live(Manifest manifest) {
        return cluster.get(manifest.key());
    }

    private String existence(Manifest manifest) {
        return live(manifest).isPresent() ? "present" : "absent";
    }

    private String uidOf(Manifest manifest) {
        return live(manifest).orElseThrow(() -> new AssertionError(manifest.key() + " does not exist")).string("/metadata/uid");
    }

    private String availability(String deployment) {
        Deployment live = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (live == null) {
            return "absent";
        }
        Integer available = live.getStatus() == null ? null : live.getStatus().getAvailableReplicas();
        return "%d of %d available".formatted(available == null ? 0 : available, live.getSpec().getReplicas());
    }

    /** {@code complete}, {@code failed}, {@code running} or {@code absent}, by the Job's conditions. */
    private String jobCompletion(String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null) {
            return "absent";
        }
        var conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.<JobCondition>of()
                : job.getStatus().getConditions();
        if (conditions.stream().anyMatch(c -> c.getType().equals("Failed") && c.getStatus().equals("True"))) {
            return "failed";
        }
        if (conditions.stream().anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True"))) {
            return "complete";
        }
        return "running";
    }

    private String imageOf(String job) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(job).get()
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    /** The managers whose managedFields entry owns {@code spec.replicas}. */
    private static List<String> ownersOfReplicas(Manifest live) {
        List<String> owners = new ArrayList<>();
        live.at("/metadata/managedFields").forEach(entry -> {
            if (entry.at("/fieldsV1/f:spec/f:replicas").isObject()) {
                owners.add(entry.at("/manager").asString());
            }
        });
        return owners;
    }

    // --- desired manifests

    private static String uniqueGroup() {
        return "g" + UUID.randomUUID().toString().substring(0, 8) + ".capstan.dev";
    }

    private static Manifest widgetDefinition(String group) {
        return Manifest.parse("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.%1$s}
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              size: {type: integer}
                """.formatted(group));
    }

    private static Manifest widget(String group, String namespace) {
        return Manifest.parse("""
                apiVersion: %s/v1
                kind: Widget
                metadata: {name: gear, namespace: %s}
                spec: {size: 3}
                """.formatted(group, namespace));
    }

    private Manifest configMap(String name, String value) {
        return Manifest.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: %s}
                data: {value: "%s"}
                """.formatted(name, namespace, value));
    }

    private Manifest deployment(String name, int replicas) {
        return Manifest.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  replicas: %3$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers: [{name: main, image: registry.invalid/%1$s:1}]
                """.formatted(name, namespace, replicas));
    }

    private Manifest job(String name) {
        return Manifest.parse("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s, namespace: %s}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: registry.invalid/job:1}]
                """.formatted(name, namespace));
    }

    private static Manifest withImage(Manifest job, String image) {
        return job.with(o -> ((ObjectNode) o.at("/spec/template/spec/containers/0")).put("image", image));
    }

    private static Manifest wave(Manifest manifest, int wave) {
        return annotate(manifest, "capstan.dev/sync-wave", String.valueOf(wave));
    }

    /** {@code manifest} with these annotations added, given as name, value, name, value, ... */
    private static Manifest annotate(Manifest manifest, String... namesAndValues) {
        return manifest.with(o -> {
            ObjectNode annotations = o.withObject("/metadata/annotations");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                annotations.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        });
    }
}
