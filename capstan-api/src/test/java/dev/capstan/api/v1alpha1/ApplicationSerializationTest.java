package dev.capstan.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.Fixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applications and projects written as users write Argo CD ones read into the Java types with
 * fabric8's serialization and write back unchanged: every field lands in its property, and the
 * free-form parts (Helm values, Kustomize patches, the engine's sync state) keep their content.
 */
class ApplicationSerializationTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"application.yaml", "application-sources.yaml", "application-status.yaml"})
    void an_application_read_and_written_back_keeps_every_field(String fixture) {
        String yaml = fixture(fixture);

        Application application = SERIALIZATION.unmarshal(yaml, Application.class);

        assertThat(unknownFields(application.getSpec(), application.getStatus(), application.getOperation()))
                .isEmpty();
        assertThat(tree(SERIALIZATION.asJson(application))).isEqualTo(tree(yaml));
        assertThat(tree(SERIALIZATION.asYaml(application))).isEqualTo(tree(yaml));
    }

    @Test
    void a_project_read_and_written_back_keeps_every_field() {
        String yaml = fixture("appproject.yaml");

        AppProject project = SERIALIZATION.unmarshal(yaml, AppProject.class);

        assertThat(unknownFields(project.getSpec())).isEmpty();
        assertThat(tree(SERIALIZATION.asJson(project))).isEqualTo(tree(yaml));
    }

    @Test
    void the_fixtures_set_every_property_of_every_type() {
        Application single = read("application.yaml");
        Application multi = read("application-sources.yaml");
        Application withStatus = read("application-status.yaml");
        AppProject project = SERIALIZATION.unmarshal(fixture("appproject.yaml"), AppProject.class);

        Set<String> set = Properties.set(single.getSpec(), single.getOperation(), multi.getSpec(),
                withStatus.getSpec(), withStatus.getStatus(), project.getSpec());

        assertThat(set).containsExactlyElementsOf(
                Properties.declared(ApplicationSpec.class, ApplicationStatus.class, Operation.class,
                        AppProjectSpec.class));
    }

    @Test
    void an_application_reads_into_its_typed_properties() {
        Application application = read("application.yaml");

        assertThat(application.getApiVersion()).isEqualTo("capstan.dev/v1alpha1");
        assertThat(application.getMetadata().getFinalizers()).containsExactly("resources-finalizer.capstan.dev");
        ApplicationSpec spec = application.getSpec();
        assertThat(spec.getProject()).isEqualTo("web");
        assertThat(spec.getSource().getDirectory().getInclude()).isEqualTo("{*.yaml,*.yml}");
        var kustomize = spec.getSource().getKustomize();
        assertThat(kustomize.getReplicas()).extracting(ApplicationSource.Kustomize.Replica::getCount)
                .containsExactly(new IntOrString(3), new IntOrString("2"));
        assertThat(kustomize.getPatches()).hasSize(2);
        assertThat(kustomize.getPatches().get(1)).containsEntry("options", Map.of("allowNameChange", true));
        assertThat(spec.getSyncPolicy().getRetry().getBackoff().getMaxDuration()).isEqualTo("3m");
        assertThat(spec.getIgnoreDifferences().get(1).getManagedFieldsManagers())
                .containsExactly("kube-controller-manager");
        assertThat(spec.getDependsOn()).extracting(ApplicationDependency::getNamespace)
                .containsExactly(null, "platform");
        assertThat(spec.getRevisionHistoryLimit()).isEqualTo(5L);
        assertThat(application.getOperation().getSync().getResources()).singleElement()
                .extracting(Operation.SyncOperationResource::getName).isEqualTo("frontend");
        assertThat(application.getOperation().getInitiatedBy().getUsername()).isEqualTo("alice");
    }

    @Test
    void helm_values_keep_nulls_nested_objects_and_numbers() {
        ApplicationSource.Helm helm = read("application-sources.yaml").getSpec().getSources().getFirst().getHelm();

        Map<String, Object> values = helm.getValuesObject();
        assertThat(values).containsEntry("podAnnotations", null).containsEntry("weight", 0.5)
                .containsEntry("tolerations", List.of());
        assertThat(values.get("ingress")).isEqualTo(Map.of("enabled", true, "hosts", List.of("guestbook.example.com"),
                "annotations", Map.of("cert-manager.io/cluster-issuer", "letsencrypt")));
        assertThat(helm.getParameters()).extracting(ApplicationSource.Helm.Parameter::getForceString)
                .containsExactly(true, null);
    }

    @Test
    void the_status_keeps_the_engines_sync_state_as_written() {
        ApplicationStatus status = read("application-status.yaml").getStatus();

        Map<String, Object> syncResult = status.getOperationState().getSyncResult();
        assertThat(syncResult).containsEntry("step", "AWAIT_HEALTH").containsEntry("pruned", null)
                .containsEntry("timings", Map.of("planMillis", 12, "applyMillis", 840.5));
        assertThat(status.getResources()).extracting(ResourceStatus::getRequiresPruning, ResourceStatus::getHook)
                .containsExactly(tuple(null, null),
                        tuple(true, null),
                        tuple(null, true));
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
    }

    @Test
    void a_project_reads_sync_window_kinds_as_the_enum() {
        AppProject project = SERIALIZATION.unmarshal(fixture("appproject.yaml"), AppProject.class);

        assertThat(project.getSpec().getSyncWindows()).extracting(SyncWindow::getKind)
                .containsExactly(SyncWindow.Kind.ALLOW, SyncWindow.Kind.DENY);
        assertThat(project.getSpec().getClusterResourceWhitelist()).singleElement()
                .extracting(GroupKindRef::getGroup).isEqualTo("");
    }

    @Test
    void fields_this_version_does_not_know_are_kept_and_written_back() {
        String yaml = """
                apiVersion: capstan.dev/v1alpha1
                kind: Application
                metadata: {name: from-argo, namespace: capstan}
                spec:
                  source:
                    repoURL: https://charts.example.com
                    chart: guestbook
                    sourceHydrator: {drySource: {path: guestbook}}
                    plugin: {name: envsubst, env: [{name: STAGE, value: prod}]}
                  destination: {server: https://kubernetes.default.svc}
                  syncPolicy:
                    automated: {enabled: true, prune: true}
                """;

        Application application = SERIALIZATION.unmarshal(yaml, Application.class);

        assertThat(application.getSpec().getSource().getUnknownFields())
                .containsEntry("sourceHydrator", Map.of("drySource", Map.of("path", "guestbook"))).containsOnlyKeys("sourceHydrator", "plugin");
        assertThat(application.getSpec().getSource().getChart()).isEqualTo("guestbook");
        assertThat(application.getSpec().getSyncPolicy().getAutomated().getUnknownFields())
                .containsExactly(Map.entry("enabled", true));
        assertThat(tree(SERIALIZATION.asJson(application))).isEqualTo(tree(yaml));
    }

    @Test
    void an_application_built_in_java_is_written_without_empty_fields() {
        var source = new ApplicationSource();
        source.setRepoURL("https://git.example.com/org/guestbook.git");
        var destination = new ApplicationDestination();
        destination.setServer("https://kubernetes.default.svc");
        var spec = new ApplicationSpec();
        spec.setSource(source);
        spec.setDestination(destination);
        var application = new Application();
        application.setMetadata(new ObjectMetaBuilder().withName("guestbook").build());
        application.setSpec(spec);

        assertThat(tree(SERIALIZATION.asJson(application))).isEqualTo(tree("""
                apiVersion: capstan.dev/v1alpha1
                kind: Application
                metadata: {name: guestbook}
                spec:
                  source: {repoURL: https://git.example.com/org/guestbook.git}
                  destination: {server: https://kubernetes.default.svc}
                """));
    }

    private static Application read(String fixture) {
        return SERIALIZATION.unmarshal(fixture(fixture), Application.class);
    }

    private static List<String> unknownFields(Object... parts) {
        List<String> found = new ArrayList<>();
        for (Object part : parts) {
            Properties.walk(part, "", (path, value) -> value.getUnknownFields().keySet()
                    .forEach(name -> found.add(path + "." + name)));
        }
        return found;
    }

    private static Object tree(String text) {
        return SERIALIZATION.unmarshal(text, Map.class);
    }

    private static String fixture(String name) {
        return Fixtures.read(name);
    }
}
