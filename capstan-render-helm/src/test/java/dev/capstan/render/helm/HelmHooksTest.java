package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmHooksTest {

    private static Manifest job(String annotations) {
        Manifest parsed = Manifest.parse("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  namespace: apps
                  annotations: %s
                """.formatted(annotations));
        return Manifest.of(parsed.copyObject(), new Origin("chart/templates/job.yaml", 0));
    }

    private static Map<String, String> mapped(String annotations) {
        HelmHooks.Mapped mapped = HelmHooks.map(List.of(job(annotations)));
        assertThat(mapped.manifests()).hasSize(1);
        return mapped.manifests().getFirst().annotations();
    }

    @Test
    void pre_install_and_pre_upgrade_hooks_run_in_pre_sync_with_their_weight_as_wave_and_their_delete_policy() {
        assertThat(mapped("{helm.sh/hook: 'pre-install,pre-upgrade', helm.sh/hook-weight: '-5', helm.sh/hook-delete-policy: 'before-hook-creation, hook-succeeded'}"))
                .containsEntry("capstan.dev/hook", "PreSync")
                .containsEntry("capstan.dev/sync-wave", "-5")
                .containsEntry("capstan.dev/hook-delete-policy", "BeforeHookCreation,HookSucceeded");
    }

    @Test
    void post_install_and_post_upgrade_hooks_run_in_post_sync() {
        assertThat(mapped("{helm.sh/hook: post-upgrade}")).containsEntry("capstan.dev/hook", "PostSync");
    }

    @Test
    void a_hook_for_install_and_for_after_install_runs_in_both_phases() {
        assertThat(mapped("{helm.sh/hook: 'pre-install,post-install'}")).containsEntry("capstan.dev/hook", "PreSync,PostSync");
    }

    @Test
    void delete_hooks_run_when_the_application_is_deleted() {
        assertThat(mapped("{helm.sh/hook: pre-delete}")).containsEntry("capstan.dev/hook", "PreDelete");
        assertThat(mapped("{helm.sh/hook: post-delete}")).containsEntry("capstan.dev/hook", "PostDelete");
    }

    @Test
    void a_hook_without_weight_or_policy_gets_only_its_phase() {
        assertThat(mapped("{helm.sh/hook: pre-install}"))
                .containsEntry("capstan.dev/hook", "PreSync")
                .doesNotContainKeys("capstan.dev/sync-wave", "capstan.dev/hook-delete-policy");
    }

    @Test
    void test_hooks_are_left_out_with_a_warning() {
        HelmHooks.Mapped mapped = HelmHooks.map(List.of(job("{helm.sh/hook: test}")));

        assertThat(mapped.manifests()).isEmpty();
        assertThat(mapped.warnings()).singleElement().hasToString(
                "chart/templates/job.yaml: Job.batch/apps/migrate is a Helm test hook, which has no place in a sync; it is not applied");
    }

    @Test
    void rollback_hooks_are_left_out() {
        assertThat(HelmHooks.map(List.of(job("{helm.sh/hook: pre-rollback}"))).manifests()).isEmpty();
    }

    @Test
    void an_object_with_its_own_hook_annotation_keeps_it() {
        assertThat(mapped("{helm.sh/hook: pre-install, argocd.argoproj.io/hook: Sync}"))
                .containsEntry("argocd.argoproj.io/hook", "Sync")
                .doesNotContainKey("capstan.dev/hook");
    }

    @Test
    void an_object_with_its_own_wave_keeps_it() {
        assertThat(mapped("{helm.sh/hook: pre-install, helm.sh/hook-weight: '3', capstan.dev/sync-wave: '7'}"))
                .containsEntry("capstan.dev/sync-wave", "7")
                .containsEntry("capstan.dev/hook", "PreSync");
    }

    @Test
    void a_kept_resource_is_never_pruned() {
        assertThat(mapped("{helm.sh/resource-policy: keep}")).containsEntry("capstan.dev/sync-options", "Prune=false");
    }

    @Test
    void a_kept_resource_keeps_its_other_sync_options_in_the_annotation_it_uses() {
        assertThat(mapped("{helm.sh/resource-policy: keep, argocd.argoproj.io/sync-options: 'Prune=true,ServerSideApply=true'}"))
                .containsEntry("argocd.argoproj.io/sync-options", "Prune=true,ServerSideApply=true,Prune=false")
                .doesNotContainKey("capstan.dev/sync-options");
    }

    @Test
    void objects_without_helm_annotations_are_passed_through_unchanged() {
        Manifest plain = job("{team: shop}");

        assertThat(HelmHooks.map(List.of(plain)).manifests()).containsExactly(plain);
    }
}
