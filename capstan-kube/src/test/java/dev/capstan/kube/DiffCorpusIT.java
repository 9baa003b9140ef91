package dev.capstan.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions.Propagation;
import dev.capstan.engine.diff.ClusterDiff;
import dev.capstan.engine.diff.IgnoreDifferences;
import dev.capstan.engine.diff.ResourceComparer;
import dev.capstan.engine.diff.ResourceDiff;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The diff against a real API server: every manifest of the corpus (written the way people
 * write them, defaults left out, quantities and ports in every spelling) is Synced once
 * applied, and drift, ignored differences, missing and pruned objects and Secrets show as they
 * should.
 */
@WithControlPlane
class DiffCorpusIT {

    private static final String CORPUS = "corpus";
    private static final GroupKind CRD = new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition");
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(30);
    private static final String OTHER_MANAGER = "kubectl-edit";
    /** Makes this run's cluster-scoped names and CRD groups its own. */
    private static final String SUFFIX = "r" + UUID.randomUUID().toString().substring(0, 5).toLowerCase(Locale.ROOT);

    private KubernetesClient client;
    private Fabric8ClusterClient cluster;
    private String namespace;

    @BeforeEach
    void connect(KubernetesClient client, TestNamespace testNamespace) {
        this.client = client;
        this.cluster = new Fabric8ClusterClient(client);
        this.namespace = testNamespace.name();
    }

    @TestFactory
    Stream<DynamicTest> every_corpus_manifest_is_synced_once_applied() {
        List<CorpusCase> cases = CorpusCase.loadAll(CORPUS);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(corpusCase -> DynamicTest.dynamicTest(corpusCase.name(), corpusCase.source(),
                () -> isSyncedOnceApplied(corpusCase)));
    }

    private void isSyncedOnceApplied(CorpusCase corpusCase) {
        List<Manifest> desired = corpusCase.preparedFor(namespace, SUFFIX, this::isNamespaced);
        try {
            desired.forEach(this::applyUntilServed);

            List<ResourceDiff> diffs = diff(new ResourceComparer(List.of()), desired, List.of());

            assertThat(diffs).extracting(ResourceDiff::key).containsExactlyElementsOf(desired.stream().map(Manifest::key).toList());
            assertThat(diffs).allSatisfy(diff -> assertThat(diff.status()).as(() -> explain(diff)).isEqualTo(SyncStatus.SYNCED));
        } finally {
            deleteClusterScoped(desired.reversed());
        }
    }

    @Test
    void a_field_changed_by_another_manager_shows_as_a_difference() {
        Manifest desired = deployment("drifting", 2);
        cluster.apply(desired, ApplyOptions.defaults());

        scaleAsAnotherManager("drifting", 5);
        ResourceDiff drift = diffOne(new ResourceComparer(List.of()), desired);

        assertThat(drift.status()).as(() -> explain(drift)).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(drift.changedPaths()).containsExactly("/spec/replicas");
        assertThat(drift.unifiedDiff().lines()).contains("-  replicas: 5", "+  replicas: 2");
        assertThat(drift.problem()).isEmpty();

        cluster.apply(desired, ApplyOptions.defaults());

        ResourceDiff restored = diffOne(new ResourceComparer(List.of()), desired);
        assertThat(restored.status()).as(() -> explain(restored)).isEqualTo(SyncStatus.SYNCED);
        assertThat(cluster.get(desired.key())).get().extracting(live -> live.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void a_controller_writing_between_the_read_and_the_dry_run_does_not_show_as_a_difference() {
        Manifest desired = configMap("observed");
        cluster.apply(desired, ApplyOptions.defaults());
        var interleaved = new RecordingClusterClient(cluster);
        interleaved.beforeNextDryRun(() -> client.configMaps().inNamespace(namespace).withName("observed")
                .edit(live -> new ConfigMapBuilder(live).editMetadata()
                        .addToAnnotations("controller.example.com/observed-generation", "1").endMetadata().build()));

        ResourceDiff diff = new ClusterDiff(interleaved, new ResourceComparer(List.of()), ApplyOptions.defaults(), 4)
                .diff(List.of(desired), List.of()).getFirst();

        assertThat(diff.status()).as(() -> explain(diff)).isEqualTo(SyncStatus.SYNCED);
        assertThat(cluster.get(desired.key())).get()
                .extracting(live -> live.annotation("controller.example.com/observed-generation"))
                .isEqualTo(Optional.of("1"));
    }

    @Test
    void ignore_differences_by_json_pointer_and_by_manager() {
        Manifest desired = deployment("scaled-by-hand", 2);
        cluster.apply(desired, ApplyOptions.defaults());
        scaleAsAnotherManager("scaled-by-hand", 5);
        assertThat(diffOne(new ResourceComparer(List.of()), desired).status()).isEqualTo(SyncStatus.OUT_OF_SYNC);

        var byPointer = new ResourceComparer(List.of(
                new IgnoreDifferences("apps", "Deployment", "", "", List.of("/spec/replicas"), List.of())));
        var byManager = new ResourceComparer(List.of(
                new IgnoreDifferences("apps", "Deployment", "", "", List.of(), List.of(OTHER_MANAGER))));
        var forAnotherKind = new ResourceComparer(List.of(
                new IgnoreDifferences("apps", "StatefulSet", "", "", List.of("/spec/replicas"), List.of(OTHER_MANAGER))));

        ResourceDiff ignoredByPointer = diffOne(byPointer, desired);
        ResourceDiff ignoredByManager = diffOne(byManager, desired);
        assertThat(ignoredByPointer.status()).as(() -> explain(ignoredByPointer)).isEqualTo(SyncStatus.SYNCED);
        assertThat(ignoredByManager.status()).as(() -> explain(ignoredByManager)).isEqualTo(SyncStatus.SYNCED);
        assertThat(diffOne(forAnotherKind, desired).status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    }

    @Test
    void a_missing_object_is_missing_and_a_tracked_object_no_longer_desired_requires_pruning() {
        Manifest kept = configMap("kept");
        Manifest retired = configMap("retired");
        Manifest neverApplied = configMap("never-applied");
        cluster.apply(kept, ApplyOptions.defaults());
        cluster.apply(retired, ApplyOptions.defaults());
        ResourceKey alreadyGone = configMap("already-gone").key();

        List<ResourceDiff> diffs = diff(new ResourceComparer(List.of()), List.of(kept, neverApplied),
                List.of(kept.key(), retired.key(), alreadyGone));

        assertThat(diffs).extracting(ResourceDiff::key, ResourceDiff::status).containsExactly(
                tuple(kept.key(), SyncStatus.SYNCED),
                tuple(neverApplied.key(), SyncStatus.MISSING),
                tuple(retired.key(), SyncStatus.REQUIRES_PRUNING));
        assertThat(changes(diffs.get(1))).contains("+  name: never-applied").allMatch(line -> line.startsWith("+"));
        assertThat(changes(diffs.get(2))).contains("-  name: retired").allMatch(line -> line.startsWith("-"));
    }

    @Test
    void secret_values_never_appear_in_a_diff() {
        String username = "payments-service";
        String oldPassword = "correct-horse-battery-staple";
        String newPassword = "tr0ub4dor-and-3";
        cluster.apply(secret("database", username, oldPassword, false), ApplyOptions.defaults());
        cluster.apply(secret("frozen-database", username, oldPassword, true), ApplyOptions.defaults());

        ResourceDiff changed = diffOne(new ResourceComparer(List.of()), secret("database", username, newPassword, false));
        ResourceDiff refused = diffOne(new ResourceComparer(List.of()), secret("frozen-database", username, newPassword, true));

        assertThat(changed.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(changed.changedPaths()).containsExactly("/data/password");
        assertThat(changed.unifiedDiff()).contains("password");
        assertThat(refused.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(refused.problem()).contains("immutable");
        for (ResourceDiff diff : List.of(changed, refused)) {
            String shown = diff.unifiedDiff() + "\n" + diff.changedPaths() + "\n" + diff.problem();
            for (String value : List.of(username, oldPassword, newPassword)) {
                assertThat(shown).doesNotContain(value, base64(value));
            }
        }
    }

    @Test
    void a_custom_resource_whose_crd_is_not_installed_yet_is_missing_without_a_dry_run() {
        String group = "absent-" + SUFFIX + ".capstan.dev";
        Manifest crd = Manifest.parse("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.%1$s}
                spec:
                  group: %1$s
                  names: {kind: Widget, plural: widgets}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """.formatted(group));
        Manifest widget = Manifest.parse("""
                apiVersion: %s/v1
                kind: Widget
                metadata: {name: first, namespace: %s}
                spec: {size: 3}
                """.formatted(group, namespace));
        var recording = new RecordingClusterClient(cluster);

        List<ResourceDiff> diffs = new ClusterDiff(recording, new ResourceComparer(List.of()), ApplyOptions.defaults(), 4)
                .diff(List.of(crd, widget), List.of());

        assertThat(diffs).extracting(ResourceDiff::key, ResourceDiff::status).containsExactly(
                tuple(crd.key(), SyncStatus.MISSING), tuple(widget.key(), SyncStatus.MISSING));
        assertThat(diffs.get(1).problem()).contains("does not serve Widget." + group);
        assertThat(diffs.get(1).unifiedDiff()).contains("+  size: 3");
        assertThat(recording.applied()).isEmpty();
    }

    private List<ResourceDiff> diff(ResourceComparer comparer, List<Manifest> desired, List<ResourceKey> tracked) {
        return new ClusterDiff(cluster, comparer, ApplyOptions.defaults(), 4).diff(desired, tracked);
    }

    private ResourceDiff diffOne(ResourceComparer comparer, Manifest desired) {
        List<ResourceDiff> diffs = diff(comparer, List.of(desired), List.of());
        assertThat(diffs).hasSize(1);
        return diffs.getFirst();
    }

    private boolean isNamespaced(GroupKind kind) {
        return cluster.resourceType(kind)
                .orElseThrow(() -> new AssertionError("the server does not serve " + kind))
                .namespaced();
    }

    /** Applies as a sync would; after a CRD, waits until its kind is Established and served. */
    private void applyUntilServed(Manifest manifest) {
        cluster.apply(manifest, ApplyOptions.defaults());
        if (manifest.groupKind().equals(CRD)) {
            var kind = new GroupKind(manifest.string("/spec/group"), manifest.string("/spec/names/kind"));
            await().atMost(SERVED_WITHIN).until(() -> isEstablished(manifest.key()) && cluster.resourceType(kind).isPresent());
        }
    }

    private boolean isEstablished(ResourceKey crd) {
        return cluster.get(crd).stream()
                .flatMap(live -> live.at("/status/conditions").valueStream())
                .anyMatch(condition -> condition.path("type").asString().equals("Established")
                        && condition.path("status").asString().equals("True"));
    }

    private void deleteClusterScoped(List<Manifest> manifests) {
        for (Manifest manifest : manifests) {
            if (manifest.namespace().isEmpty()) {
                cluster.delete(manifest.key(), new DeleteOptions(Propagation.BACKGROUND, false));
            }
        }
    }

    /** Sets the replicas with a server-side apply of another field manager, as {@code kubectl scale --server-side} would. */
    private void scaleAsAnotherManager(String name, int replicas) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                        .withNewSpec().withReplicas(replicas).endSpec()
                        .build())
                .fieldManager(OTHER_MANAGER).forceConflicts().serverSideApply();
    }

    private static String explain(ResourceDiff diff) {
        return diff.key() + " is " + diff.status()
                + (diff.problem().isEmpty() ? "" : "\nproblem: " + diff.problem())
                + (diff.unifiedDiff().isEmpty() ? "" : "\n" + diff.unifiedDiff())
                + (diff.changedPaths().isEmpty() ? "" : "changed: " + diff.changedPaths());
    }

    /** The lines of a unified diff after its two file headers and its one hunk header. */
    private static List<String> changes(ResourceDiff diff) {
        List<String> lines = diff.unifiedDiff().lines().toList();
        assertThat(lines).hasSizeGreaterThan(3);
        assertThat(lines.get(2)).startsWith("@@");
        return lines.subList(3, lines.size());
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private Manifest deployment(String name, int replicas) {
        return Manifest.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  replicas: %3$d
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/%1$s:1.0
                          resources:
                            requests: {cpu: 10m, memory: 16Mi}
                """.formatted(name, namespace, replicas));
    }

    private Manifest configMap(String name) {
        return Manifest.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                data:
                  colour: blue
                """.formatted(name, namespace));
    }

    private Manifest secret(String name, String username, String password, boolean immutable) {
        return Manifest.parse("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  namespace: %s
                immutable: %b
                data:
                  username: %s
                stringData:
                  password: %s
                """.formatted(name, namespace, immutable, base64(username), password));
    }
}
