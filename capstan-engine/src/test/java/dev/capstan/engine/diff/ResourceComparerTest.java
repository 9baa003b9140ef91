package dev.capstan.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.SyncStatus;

import org.junit.jupiter.api.Test;

class ResourceComparerTest {

    private static final Manifest LIVE = Manifest.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              uid: 1b2c
              resourceVersion: "812"
              generation: 4
              creationTimestamp: "2026-11-26T10:00:00Z"
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: '{"spec":{}}'
              managedFields:
              - manager: capstan
                operation: Apply
                fieldsV1:
                  f:spec:
                    f:template:
                      f:spec:
                        f:containers:
                          k:{"name":"web"}:
                            .: {}
                            f:image: {}
              - manager: hpa-controller
                operation: Update
                fieldsV1:
                  f:spec:
                    f:replicas: {}
            spec:
              replicas: 5
              template:
                spec:
                  containers:
                  - name: web
                    image: shop/web:1
                  - name: sidecar
                    image: proxy:2
            status:
              readyReplicas: 5
            """);

    private final ResourceComparer comparer = new ResourceComparer(List.of());

    @Test
    void bookkeeping_fields_and_status_do_not_make_a_difference() {
        Manifest predicted = LIVE.with(o -> {
            o.withObject("/metadata").put("resourceVersion", "813").put("generation", 5).remove("managedFields");
            o.remove("status");
        });

        var diff = comparer.compare(LIVE.key(), Optional.of(predicted), Optional.of(LIVE));

        assertThat(diff.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(diff.unifiedDiff()).isEmpty();
    }

    @Test
    void a_changed_field_is_out_of_sync_with_its_path_and_a_unified_diff() {
        Manifest predicted = LIVE.with(o -> o.withObject("/spec").put("replicas", 2));

        var diff = comparer.compare(LIVE.key(), Optional.of(predicted), Optional.of(LIVE));

        assertThat(diff.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(diff.changedPaths()).containsExactly("/spec/replicas");
        assertThat(diff.unifiedDiff()).contains("--- live/Deployment.apps/shop/web", "+++ desired/Deployment.apps/shop/web",
                "-  replicas: 5", "+  replicas: 2");
    }

    @Test
    void ignore_differences_by_json_pointer_leaves_the_field_out() {
        Manifest predicted = LIVE.with(o -> o.withObject("/spec").put("replicas", 2));
        var ignoring = new ResourceComparer(List.of(
                new IgnoreDifferences("apps", "Deployment", "", "", List.of("/spec/replicas"), List.of())));

        assertThat(ignoring.compare(LIVE.key(), Optional.of(predicted), Optional.of(LIVE)).status())
                .isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void ignore_differences_by_manager_leaves_out_the_fields_it_owns_and_nothing_else() {
        var ignoring = new ResourceComparer(List.of(
                new IgnoreDifferences("apps", "Deployment", "shop", "web", List.of(), List.of("hpa-controller"))));
        Manifest replicasChanged = LIVE.with(o -> o.withObject("/spec").put("replicas", 2));
        Manifest imageChanged = LIVE.with(o -> o.withObject("/spec/template/spec/containers/0").put("image", "shop/web:2"));

        assertThat(ignoring.compare(LIVE.key(), Optional.of(replicasChanged), Optional.of(LIVE)).status())
                .isEqualTo(SyncStatus.SYNCED);
        assertThat(ignoring.compare(LIVE.key(), Optional.of(imageChanged), Optional.of(LIVE)).changedPaths())
                .containsExactly("/spec/template/spec/containers/0/image");
    }

    @Test
    void an_ignore_rule_for_another_object_changes_nothing() {
        Manifest predicted = LIVE.with(o -> o.withObject("/spec").put("replicas", 2));
        var ignoring = new ResourceComparer(List.of(
                new IgnoreDifferences("apps", "Deployment", "", "api", List.of("/spec/replicas"), List.of()),
                new IgnoreDifferences("", "Deployment", "", "", List.of("/spec/replicas"), List.of())));

        assertThat(ignoring.compare(LIVE.key(), Optional.of(predicted), Optional.of(LIVE)).status())
                .isEqualTo(SyncStatus.OUT_OF_SYNC);
    }

    @Test
    void a_missing_object_shows_all_of_it_as_added_and_a_pruned_one_all_removed() {
        Manifest desired = Manifest.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {colour: blue}
                """);

        var missing = comparer.compare(desired.key(), Optional.of(desired), Optional.empty());
        var pruned = comparer.compare(desired.key(), Optional.empty(), Optional.of(desired));

        assertThat(missing.status()).isEqualTo(SyncStatus.MISSING);
        assertThat(missing.unifiedDiff()).contains("+  colour: blue").doesNotContain("\n-");
        assertThat(pruned.status()).isEqualTo(SyncStatus.REQUIRES_PRUNING);
        assertThat(pruned.unifiedDiff()).contains("-  colour: blue");
    }

    @Test
    void secret_values_are_masked_but_a_changed_key_still_shows() {
        Manifest live = Manifest.parse("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"c2VjcmV0LW9uZQ=="}}'
                data:
                  user: YWRtaW4=
                  password: c2VjcmV0LW9uZQ==
                """);
        Manifest predicted = live.with(o -> o.withObject("/data").put("password", "c2VjcmV0LXR3bw=="));

        var diff = comparer.compare(live.key(), Optional.of(predicted), Optional.of(live));

        assertThat(diff.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(diff.changedPaths()).containsExactly("/data/password");
        assertThat(diff.unifiedDiff())
                .contains("-  password: '" + SecretMask.BEFORE + "'", "+  password: '" + SecretMask.AFTER + "'")
                .doesNotContain("c2VjcmV0", "YWRtaW4", "secret-one", "admin");
    }

    @Test
    void a_pruned_secret_is_masked_too() {
        Manifest live = Manifest.parse("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: shop}
                stringData: {token: hunter2}
                """);

        var diff = comparer.compare(live.key(), Optional.empty(), Optional.of(live));

        assertThat(diff.unifiedDiff()).doesNotContain("hunter2").contains(SecretMask.BEFORE);
    }
}
