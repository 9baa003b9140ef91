package dev.capstan.engine.sync;

import static dev.capstan.engine.sync.TestManifests.configMap;
import static dev.capstan.engine.sync.TestManifests.deployment;
import static dev.capstan.engine.sync.TestManifests.job;
import static dev.capstan.engine.sync.TestManifests.namespace;
import static dev.capstan.engine.sync.TestManifests.object;
import static dev.capstan.engine.sync.TestManifests.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import tools.jackson.databind.json.JsonMapper;

class SyncPlannerTest {

    private static final String APP = "shop";

    private final SyncPlanner planner = new SyncPlanner();

    @Test
    void orders_tasks_by_phase_then_wave_then_kind_then_name() {
        SyncPlan plan = plan(List.of(
                deployment("ns", "web").build(),
                object("example.com/v1", "Widget", "ns", "w").build(),
                configMap("ns", "b").build(),
                configMap("ns", "a").build(),
                service("ns", "web").wave(-1).build(),
                job("ns", "migrate").hook("PreSync").wave(3).build(),
                job("ns", "smoke").hook("PostSync").wave(-5).build(),
                object("v1", "ServiceAccount", "ns", "runner").build()), Map.of());

        assertThat(rows(plan)).containsExactly(
                "PreSync/3 HOOK Job.batch/ns/migrate",
                "Sync/-1 CREATE Service/ns/web",
                "Sync/0 CREATE ServiceAccount/ns/runner",
                "Sync/0 CREATE ConfigMap/ns/a",
                "Sync/0 CREATE ConfigMap/ns/b",
                "Sync/0 CREATE Deployment.apps/ns/web",
                "Sync/0 CREATE Widget.example.com/ns/w",
                "PostSync/-5 HOOK Job.batch/ns/smoke");
    }

    @Test
    void follows_the_kind_order_of_argo_cd_with_unknown_kinds_last() {
        List<String> kinds = List.of("APIService", "Ingress", "IngressClass", "CronJob", "Job", "StatefulSet",
                "HorizontalPodAutoscaler", "Deployment", "ReplicaSet", "ReplicationController", "Pod", "DaemonSet",
                "Service", "RoleBinding", "Role", "ClusterRoleBinding", "ClusterRole", "CustomResourceDefinition",
                "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ConfigMap", "Secret", "ServiceAccount",
                "PodDisruptionBudget", "PodSecurityPolicy", "LimitRange", "ResourceQuota", "NetworkPolicy", "Zebra");
        SyncPlan plan = plan(kinds.stream().map(kind -> object("v1", kind, "", "x").build()).toList(), Map.of());

        assertThat(plan.tasks()).extracting(SyncTask::kind).containsExactly(
                "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
                "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
                "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service",
                "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
                "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService", "Zebra");
    }

    @Test
    void reads_the_wave_from_the_capstan_annotation_before_the_argo_cd_one() {
        SyncPlan plan = plan(List.of(
                configMap("ns", "both").annotate("argocd.argoproj.io/sync-wave", "9").wave(2).build(),
                configMap("ns", "argo").annotate("argocd.argoproj.io/sync-wave", "1").build()), Map.of());

        assertThat(rows(plan)).containsExactly("Sync/1 CREATE ConfigMap/ns/argo", "Sync/2 CREATE ConfigMap/ns/both");
    }

    @Test
    void rejects_a_wave_that_is_not_an_integer_naming_the_object_and_its_file() {
        Manifest bad = configMap("ns", "settings").annotate("argocd.argoproj.io/sync-wave", "soon").from("base/settings.yaml", 7).build();

        assertThatThrownBy(() -> plan(List.of(bad), Map.of()))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("ConfigMap/ns/settings")
                .hasMessageContaining("base/settings.yaml:7")
                .hasMessageContaining("argocd.argoproj.io/sync-wave must be an integer, got \"soon\"");
    }

    @Test
    void rejects_an_unknown_hook_type_naming_the_object() {
        assertThatThrownBy(() -> plan(List.of(job("ns", "j").hook("PreSync,AfterSync").build()), Map.of()))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("Job.batch/ns/j")
                .hasMessageContaining("\"AfterSync\"");
    }

    @Test
    void rejects_an_object_declared_twice() {
        assertThatThrownBy(() -> plan(List.of(configMap("ns", "a").from("one.yaml", 1).build(),
                configMap("ns", "a").from("two.yaml", 3).build()), Map.of()))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("ConfigMap/ns/a (two.yaml:3): is declared twice (also at one.yaml:1)");
    }

    @Test
    void creates_missing_objects_and_applies_existing_ones() {
        Manifest live = configMap("ns", "old").trackedBy(APP).build();

        SyncPlan plan = plan(List.of(configMap("ns", "old").build(), configMap("ns", "new").build()), live(live));

        assertThat(rows(plan)).containsExactly("Sync/0 CREATE ConfigMap/ns/new", "Sync/0 APPLY ConfigMap/ns/old");
    }

    @Test
    void marks_every_written_object_with_the_tracking_annotation_and_label() {
        SyncPlan plan = plan(List.of(deployment("ns", "web").build(), job("ns", "migrate").hook("PreSync").build()), Map.of());

        assertThat(plan.tasks()).allSatisfy(task -> {
            assertThat(task.manifest().annotation("capstan.dev/tracking-id")).contains(APP + ":" + task.group() + "/" + task.kind() + ":ns/" + task.name());
            assertThat(task.manifest().label("capstan.dev/app")).contains(APP);
        });
    }

    @Test
    void runs_a_hook_in_each_of_its_phases() {
        SyncPlan plan = plan(List.of(job("ns", "check").hook("PreSync,PostSync").build(), configMap("ns", "a").build()), Map.of());

        assertThat(rows(plan)).containsExactly(
                "PreSync/0 HOOK Job.batch/ns/check",
                "Sync/0 CREATE ConfigMap/ns/a",
                "PostSync/0 HOOK Job.batch/ns/check");
    }

    @Test
    void hook_types_are_read_from_the_argo_cd_annotation_too() {
        SyncPlan plan = plan(List.of(job("ns", "fail").annotate("argocd.argoproj.io/hook", "SyncFail").build()), Map.of());

        assertThat(rows(plan)).containsExactly("SyncFail/0 HOOK Job.batch/ns/fail");
    }

    @Test
    void never_applies_a_skip_hook() {
        SyncPlan plan = plan(List.of(configMap("ns", "manual").hook("Skip").build()), Map.of());

        assertThat(rows(plan)).containsExactly("Sync/0 SKIP ConfigMap/ns/manual (Skip hook: never applied)");
    }

    @Test
    void gives_a_hook_without_a_name_one_per_operation_and_phase() {
        Manifest hook = job("ns", "").generateName("migrate-").hook("PreSync,PostSync").build();

        SyncPlan plan = planner.plan(SyncRequest.of(APP, "ns", List.of(hook), Map.of()).withOperationId("20240501t1200"));

        assertThat(plan.tasks()).extracting(SyncTask::name).containsExactly("migrate-20240501t1200-presync", "migrate-20240501t1200-postsync");
        assertThat(plan.tasks().getFirst().manifest().string("/metadata/generateName")).isEmpty();
    }

    @Test
    void a_hook_without_a_delete_policy_is_deleted_before_it_is_created_again() {
        SyncPlan plan = plan(List.of(job("ns", "a").hook("PreSync").build(),
                job("ns", "b").hook("PreSync").deletePolicy("HookSucceeded,HookFailed").build()), Map.of());

        assertThat(plan.tasks().get(0).deletePolicies()).containsExactly(HookDeletePolicy.BEFORE_HOOK_CREATION);
        assertThat(plan.tasks().get(1).deletePolicies()).containsExactlyInAnyOrder(HookDeletePolicy.HOOK_SUCCEEDED, HookDeletePolicy.HOOK_FAILED);
    }

    @Test
    void prunes_tracked_objects_that_are_no_longer_desired() {
        SyncPlan plan = plan(List.of(configMap("ns", "kept").build()),
                live(configMap("ns", "kept").trackedBy(APP).build(), configMap("ns", "gone").trackedBy(APP).build()),
                SyncOptions.defaults().withPrune(true));

        assertThat(rows(plan)).containsExactly("Sync/0 PRUNE ConfigMap/ns/gone", "Sync/0 APPLY ConfigMap/ns/kept");
    }

    @Test
    void skips_prunes_when_pruning_is_disabled() {
        SyncPlan plan = plan(List.of(), live(configMap("ns", "gone").trackedBy(APP).build()));

        assertThat(rows(plan)).containsExactly("Sync/0 SKIP ConfigMap/ns/gone (prune disabled)");
    }

    @Test
    void never_prunes_an_object_marked_prune_false() {
        SyncPlan plan = plan(List.of(), live(
                        configMap("ns", "precious").trackedBy(APP).annotate("argocd.argoproj.io/sync-options", "Prune=false").build()),
                SyncOptions.defaults().withPrune(true));

        assertThat(rows(plan)).containsExactly("Sync/0 SKIP ConfigMap/ns/precious (Prune=false)");
    }

    @Test
    void never_prunes_an_object_without_this_applications_tracking_id() {
        SyncPlan plan = plan(List.of(), live(
                        configMap("ns", "untracked").build(),
                        configMap("ns", "theirs").trackedBy("other-app").build(),
                        configMap("ns", "copied").annotate(Tracking.ANNOTATION, APP + ":/ConfigMap:ns/original").build()),
                SyncOptions.defaults().withPrune(true));

        assertThat(rows(plan)).containsExactly(
                "Sync/0 SKIP ConfigMap/ns/copied (not tracked by application shop)",
                "Sync/0 SKIP ConfigMap/ns/theirs (not tracked by application shop)",
                "Sync/0 SKIP ConfigMap/ns/untracked (not tracked by application shop)");
    }

    @Test
    void never_prunes_hook_objects() {
        SyncPlan plan = plan(List.of(), live(job("ns", "old-hook").hook("PostSync").trackedBy(APP).build()),
                SyncOptions.defaults().withPrune(true));

        assertThat(rows(plan)).containsExactly("Sync/0 SKIP Job.batch/ns/old-hook (hook objects are not pruned)");
    }

    @Test
    void prunes_in_reverse_order_before_the_applies_of_the_same_wave() {
        SyncPlan plan = plan(List.of(configMap("ns", "new").build()), live(
                        namespace("old").trackedBy(APP).build(),
                        configMap("old", "settings").trackedBy(APP).build(),
                        deployment("old", "web").trackedBy(APP).build(),
                        service("old", "db").wave(5).trackedBy(APP).build(),
                        configMap("old", "early").wave(-2).trackedBy(APP).build()),
                SyncOptions.defaults().withPrune(true));

        assertThat(rows(plan)).containsExactly(
                "Sync/-2 PRUNE Service/old/db",
                "Sync/0 PRUNE Deployment.apps/old/web",
                "Sync/0 PRUNE ConfigMap/old/settings",
                "Sync/0 PRUNE Namespace/old",
                "Sync/0 CREATE ConfigMap/ns/new",
                "Sync/5 PRUNE ConfigMap/old/early");
    }

    @Test
    void prunes_last_after_the_last_wave_with_prune_last() {
        SyncPlan plan = plan(List.of(configMap("ns", "a").wave(3).build(), job("ns", "after").hook("PostSync").build()),
                live(configMap("ns", "gone").trackedBy(APP).build()),
                SyncOptions.defaults().withPrune(true).withPruneLast(true));

        assertThat(rows(plan)).containsExactly(
                "Sync/3 CREATE ConfigMap/ns/a",
                "Sync/4 PRUNE ConfigMap/ns/gone (PruneLast=true)",
                "PostSync/0 HOOK Job.batch/ns/after");
    }

    @Test
    void prunes_last_an_object_that_asks_for_it() {
        SyncPlan plan = plan(List.of(configMap("ns", "a").build()), live(
                        configMap("ns", "late").syncOptions("PruneLast=true").trackedBy(APP).build(),
                        configMap("ns", "now").trackedBy(APP).build()),
                SyncOptions.defaults().withPrune(true));

        assertThat(rows(plan)).containsExactly(
                "Sync/0 PRUNE ConfigMap/ns/now",
                "Sync/0 CREATE ConfigMap/ns/a",
                "Sync/1 PRUNE ConfigMap/ns/late (PruneLast=true)");
    }

    @Test
    void a_selective_sync_touches_only_the_selected_objects_and_runs_no_hooks() {
        Manifest selected = configMap("ns", "chosen").build();
        SyncPlan plan = plan(List.of(selected, configMap("ns", "other").build(), job("ns", "migrate").hook("PreSync").build()),
                live(configMap("ns", "gone").trackedBy(APP).build()),
                SyncOptions.defaults().withPrune(true).withResources(Set.of(selected.key())));

        assertThat(rows(plan)).containsExactly(
                "PreSync/0 SKIP Job.batch/ns/migrate (hooks do not run in a selective sync)",
                "Sync/0 CREATE ConfigMap/ns/chosen",
                "Sync/0 SKIP ConfigMap/ns/gone (not selected)",
                "Sync/0 SKIP ConfigMap/ns/other (not selected)");
    }

    @Test
    void applies_only_out_of_sync_and_missing_objects_with_apply_out_of_sync_only() {
        Manifest drifted = configMap("ns", "drifted").build();
        SyncRequest request = SyncRequest.of(APP, "ns",
                        List.of(drifted, configMap("ns", "same").build(), configMap("ns", "missing").build(), job("ns", "j").hook("Sync").build()),
                        live(configMap("ns", "drifted").trackedBy(APP).build(), configMap("ns", "same").trackedBy(APP).build()))
                .withOutOfSync(Set.of(drifted.key()))
                .withOptions(SyncOptions.defaults().withApplyOutOfSyncOnly(true));

        assertThat(rows(planner.plan(request))).containsExactly(
                "Sync/0 APPLY ConfigMap/ns/drifted",
                "Sync/0 CREATE ConfigMap/ns/missing",
                "Sync/0 SKIP ConfigMap/ns/same (in sync)",
                "Sync/0 HOOK Job.batch/ns/j");
    }

    @Test
    void creates_the_missing_destination_namespace_first() {
        SyncPlan plan = plan(List.of(configMap("ns", "a").wave(-3).build(), job("ns", "pre").hook("PreSync").wave(-1).build()), Map.of(),
                SyncOptions.defaults().withCreateNamespace(true));

        assertThat(rows(plan)).containsExactly(
                "PreSync/-1 CREATE Namespace/ns (CreateNamespace=true)",
                "PreSync/-1 HOOK Job.batch/ns/pre",
                "Sync/-3 CREATE ConfigMap/ns/a");
        assertThat(plan.tasks().getFirst().manifest().annotations()).doesNotContainKey(Tracking.ANNOTATION);
    }

    @Test
    void does_not_create_the_destination_namespace_when_it_exists_or_is_declared() {
        SyncOptions createNamespace = SyncOptions.defaults().withCreateNamespace(true).withPrune(true);

        assertThat(rows(plan(List.of(configMap("ns", "a").build()), live(namespace("ns").build()), createNamespace)))
                .containsExactly("Sync/0 CREATE ConfigMap/ns/a");
        assertThat(rows(plan(List.of(configMap("ns", "a").build(), namespace("ns").build()), Map.of(), createNamespace)))
                .containsExactly("Sync/0 CREATE Namespace/ns", "Sync/0 CREATE ConfigMap/ns/a");
    }

    @Test
    void puts_a_declared_destination_namespace_first_in_the_earliest_wave() {
        SyncPlan plan = plan(List.of(namespace("ns").wave(4).build(), configMap("other", "a").wave(-2).build()), Map.of());

        assertThat(rows(plan)).containsExactly("Sync/-2 CREATE Namespace/ns", "Sync/-2 CREATE ConfigMap/other/a");
    }

    @Test
    void pulls_a_namespace_ahead_of_the_first_object_in_it() {
        SyncPlan plan = plan(List.of(namespace("team").wave(5).build(), configMap("team", "a").wave(1).build(),
                job("team", "pre").hook("PreSync").build()), Map.of());

        assertThat(rows(plan)).containsExactly(
                "PreSync/0 CREATE Namespace/team",
                "PreSync/0 HOOK Job.batch/team/pre",
                "Sync/1 CREATE ConfigMap/team/a");
    }

    @Test
    void pulls_a_crd_ahead_of_its_custom_resources() {
        Manifest crd = object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com").wave(2).build()
                .with(o -> o.putObject("spec").put("group", "example.com").putObject("names").put("kind", "Widget"));
        SyncPlan plan = plan(List.of(crd, object("example.com/v1", "Widget", "ns", "w").build(), configMap("ns", "a").build()), Map.of());

        assertThat(rows(plan)).containsExactly(
                "Sync/0 CREATE ConfigMap/ns/a",
                "Sync/0 CREATE CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com",
                "Sync/0 CREATE Widget.example.com/ns/w");
    }

    @Test
    void replaces_existing_objects_with_replace_but_never_a_namespace() {
        SyncPlan plan = plan(List.of(configMap("ns", "a").build(), namespace("team").build(), configMap("ns", "new").build()),
                live(configMap("ns", "a").build(), namespace("team").build()), SyncOptions.defaults().withReplace(true));

        assertThat(plan.tasks()).extracting(task -> task.name() + "=" + task.action())
                .containsExactly("team=APPLY", "a=REPLACE", "new=CREATE");
    }

    @Test
    void takes_replace_and_force_from_the_objects_sync_options() {
        SyncPlan plan = plan(List.of(configMap("ns", "a").syncOptions("Replace=true,Force=true").build(), configMap("ns", "b").build()),
                live(configMap("ns", "a").build(), configMap("ns", "b").build()));

        assertThat(plan.tasks()).extracting(task -> task.name() + "=" + task.action() + ",force=" + task.force())
                .containsExactly("a=REPLACE,force=true", "b=APPLY,force=false");
    }

    @Test
    void serialises_a_task_as_a_flat_row() {
        SyncPlan plan = plan(List.of(deployment("ns", "web").wave(2).build()), Map.of());

        String json = JsonMapper.builder().build().writeValueAsString(plan.tasks().getFirst());

        assertThat(json).isEqualTo("{\"phase\":\"Sync\",\"wave\":2,\"kind\":\"Deployment\",\"group\":\"apps\","
                + "\"namespace\":\"ns\",\"name\":\"web\",\"action\":\"CREATE\",\"reason\":\"\"}");
    }

    private SyncPlan plan(List<Manifest> desired, Map<ResourceKey, Manifest> live) {
        return plan(desired, live, SyncOptions.defaults());
    }

    private SyncPlan plan(List<Manifest> desired, Map<ResourceKey, Manifest> live, SyncOptions options) {
        return planner.plan(SyncRequest.of(APP, "ns", desired, live).withOptions(options));
    }

    static Map<ResourceKey, Manifest> live(Manifest... objects) {
        Map<ResourceKey, Manifest> live = new LinkedHashMap<>();
        Arrays.stream(objects).forEach(object -> live.put(object.key(), object));
        return live;
    }

    static List<String> rows(SyncPlan plan) {
        return plan.tasks().stream().map(SyncTask::toString).toList();
    }
}
