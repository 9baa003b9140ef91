package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The generated CRDs against a real API server: it accepts them, stores what the typed client
 * writes without pruning anything, applies the schema's defaults and validation, keeps status
 * behind the status subresource, and prints the columns {@code kubectl get applications} shows.
 */
@WithControlPlane
class ApplicationCrdIT {

    private static final String FIELD_MANAGER = "capstan-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @BeforeAll
    static void install_the_crds(KubernetesClient client) {
        for (CustomResourceDefinition crd : CustomResourceDefinitions.all()) {
            client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        for (CustomResourceDefinition crd : CustomResourceDefinitions.all()) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(conditions(client, crd))
                    .contains(tuple("NamesAccepted", "True"), tuple("Established", "True")));
        }
    }

    @Test
    void the_server_stores_the_crds_as_generated(KubernetesClient client) {
        for (CustomResourceDefinition generated : CustomResourceDefinitions.all()) {
            CustomResourceDefinition stored = client.apiextensions().v1().customResourceDefinitions()
                    .withName(generated.getMetadata().getName()).get();

            assertThat(conditions(client, generated)).doesNotContain(tuple("NonStructuralSchema", "True"));
            assertThat(stored.getSpec().getVersions().getFirst().getSchema())
                    .isEqualTo(generated.getSpec().getVersions().getFirst().getSchema());
            assertThat(stored.getSpec().getVersions().getFirst().getAdditionalPrinterColumns())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("priority")
                    .isEqualTo(generated.getSpec().getVersions().getFirst().getAdditionalPrinterColumns());
            assertThat(stored.getStatus().getAcceptedNames().getShortNames())
                    .isEqualTo(generated.getSpec().getNames().getShortNames());
        }
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("applications.capstan.dev").get()
                .getSpec().getVersions().getFirst().getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Sync", "Health", "Revision", "Project", "Age");
    }

    @Test
    void an_application_is_stored_with_every_field_it_was_created_with(KubernetesClient client, TestNamespace ns) {
        for (String fixture : List.of("application.yaml", "application-sources.yaml")) {
            Application written = application(fixture, ns);
            Application expected = application(fixture, ns);
            expected.getSpec().setProject(Objects.requireNonNullElse(expected.getSpec().getProject(), "default"));
            expected.getSpec().setRevisionHistoryLimit(
                    Objects.requireNonNullElse(expected.getSpec().getRevisionHistoryLimit(), 10L));

            Application created = client.resources(Application.class).inNamespace(ns.name()).resource(written).create();
            Application read = client.resources(Application.class).inNamespace(ns.name())
                    .withName(written.getMetadata().getName()).get();

            assertThat(tree(read.getSpec())).as(fixture).isEqualTo(tree(expected.getSpec()));
            assertThat(tree(read.getOperation())).as(fixture).isEqualTo(tree(written.getOperation()));
            assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        }
    }

    @Test
    void helm_values_keep_their_nulls_on_the_server(KubernetesClient client, TestNamespace ns) {
        Application written = application("application-sources.yaml", ns);
        written.getMetadata().setName("null-values");

        Application created = client.resources(Application.class).inNamespace(ns.name()).resource(written).create();

        assertThat(created.getSpec().getSources().getFirst().getHelm().getValuesObject())
                .containsEntry("podAnnotations", null);
    }

    @Test
    void the_server_defaults_the_project_and_the_revision_history_limit(KubernetesClient client, TestNamespace ns) {
        Application minimal = SERIALIZATION.unmarshal("""
                apiVersion: capstan.dev/v1alpha1
                kind: Application
                metadata: {name: minimal}
                spec:
                  source: {repoURL: https://git.example.com/org/guestbook.git}
                  destination: {server: https://kubernetes.default.svc, namespace: guestbook}
                """, Application.class);

        Application created = client.resources(Application.class).inNamespace(ns.name()).resource(minimal).create();

        assertThat(created.getSpec().getProject()).isEqualTo("default");
        assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10L);
    }

    @Test
    void the_server_refuses_an_application_without_exactly_one_kind_of_source(KubernetesClient client,
            TestNamespace ns) {
        assertRefused(client, ns, """
                spec:
                  destination: {server: https://kubernetes.default.svc}
                """, "set source or sources");
        assertRefused(client, ns, """
                spec:
                  source: {repoURL: https://git.example.com/a.git}
                  sources: [{repoURL: https://git.example.com/b.git}]
                  destination: {server: https://kubernetes.default.svc}
                """, "set source or sources, not both");
        assertRefused(client, ns, """
                spec:
                  source: {path: deploy}
                  destination: {server: https://kubernetes.default.svc}
                """, "spec.source.repoURL: Required value");
    }

    @Test
    void the_server_refuses_a_destination_without_exactly_one_cluster(KubernetesClient client, TestNamespace ns) {
        assertRefused(client, ns, """
                spec:
                  source: {repoURL: https://git.example.com/a.git}
                """, "spec.destination: Required value");
        assertRefused(client, ns, """
                spec:
                  source: {repoURL: https://git.example.com/a.git}
                  destination: {server: https://kubernetes.default.svc, name: in-cluster}
                """, "set exactly one of server and name");
        assertRefused(client, ns, """
                spec:
                  source: {repoURL: https://git.example.com/a.git}
                  destination: {namespace: guestbook}
                """, "set exactly one of server and name");
    }

    @Test
    void status_is_written_through_the_status_subresource_only(KubernetesClient client, TestNamespace ns) {
        Application written = application("application-status.yaml", ns);
        written.getMetadata().setName("with-status");
        ApplicationStatus status = written.getStatus();
        written.setStatus(null);
        Application created = client.resources(Application.class).inNamespace(ns.name()).resource(written).create();

        created.setStatus(status);
        Application withStatus = client.resources(Application.class).inNamespace(ns.name()).resource(created)
                .updateStatus();

        Application read = client.resources(Application.class).inNamespace(ns.name())
                .withName(created.getMetadata().getName()).get();
        assertThat(tree(read.getStatus())).isEqualTo(tree(status));
        assertThat(read.getStatus().getOperationState().getSyncResult()).containsEntry("pruned", null);
        assertThat(read.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());

        withStatus.getStatus().getSync().setStatus("OutOfSync");
        withStatus.getSpec().getSource().setPath("elsewhere");
        Application updated = client.resources(Application.class).inNamespace(ns.name()).resource(withStatus)
                .update();
        assertThat(updated.getStatus().getSync().getStatus()).isEqualTo("Synced");
        assertThat(updated.getSpec().getSource().getPath()).isEqualTo("elsewhere");
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration() + 1);
    }

    @Test
    void the_controller_clears_a_requested_operation_with_an_edit(KubernetesClient client, TestNamespace ns) {
        Application written = application("application.yaml", ns);
        written.getMetadata().setName("requested");
        written.getMetadata().setFinalizers(List.of());
        client.resources(Application.class).inNamespace(ns.name()).resource(written).create();

        Application cleared = client.resources(Application.class).inNamespace(ns.name()).withName("requested")
                .edit(application -> {
                    application.setOperation(null);
                    return application;
                });

        assertThat(cleared.getOperation()).isNull();
        assertThat(client.resources(Application.class).inNamespace(ns.name()).withName("requested").get()
                .getOperation()).isNull();
    }

    @Test
    void the_table_view_has_the_columns_kubectl_get_shows(KubernetesClient client, TestNamespace ns) throws Exception {
        Application written = application("application-status.yaml", ns);
        ApplicationStatus status = written.getStatus();
        written.setStatus(null);
        written.getMetadata().setName("tabled");
        Application created = client.resources(Application.class).inNamespace(ns.name()).resource(written).create();
        created.setStatus(status);
        client.resources(Application.class).inNamespace(ns.name()).resource(created).updateStatus();

        JsonNode table = table(client, "/apis/capstan.dev/v1alpha1/namespaces/" + ns.name() + "/applications/tabled");

        assertThat(table.path("kind").asString()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").values())
                .extracting(column -> column.path("name").asString(), column -> column.path("priority").asInt())
                .containsExactly(tuple("Name", 0), tuple("Sync", 0), tuple("Health", 0), tuple("Revision", 0),
                        tuple("Project", 1), tuple("Age", 0));
        assertThat(table.path("rows").values()).singleElement()
                .satisfies(row -> assertThat(row.path("cells").values()).extracting(JsonNode::asString)
                        .startsWith("tabled", "Synced", "Degraded", "4f2c1e9b7a0d3c5e8f1a2b3c4d5e6f708192a3b4",
                                "default")
                        .hasSize(6));
    }

    @Test
    void a_project_is_stored_with_every_field_and_refuses_an_unknown_sync_window_kind(KubernetesClient client,
            TestNamespace ns) {
        AppProject written = SERIALIZATION.unmarshal(Fixtures.read("appproject.yaml"), AppProject.class);
        written.getMetadata().setNamespace(ns.name());

        client.resources(AppProject.class).inNamespace(ns.name()).resource(written).create();
        AppProject read = client.resources(AppProject.class).inNamespace(ns.name()).withName("web").get();

        assertThat(tree(read.getSpec())).isEqualTo(tree(written.getSpec()));

        GenericKubernetesResource weekly = SERIALIZATION.unmarshal("""
                apiVersion: capstan.dev/v1alpha1
                kind: AppProject
                metadata: {name: weekly}
                spec:
                  syncWindows: [{kind: weekly, schedule: '0 8 * * 1', duration: 1h}]
                """, GenericKubernetesResource.class);
        assertThatThrownBy(() -> client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(
                AppProject.class)).inNamespace(ns.name()).resource(weekly).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec.syncWindows[0].kind: Unsupported value: \"weekly\"");
                });
    }

    private static void assertRefused(KubernetesClient client, TestNamespace ns, String spec, String message) {
        GenericKubernetesResource invalid = SERIALIZATION.unmarshal("""
                apiVersion: capstan.dev/v1alpha1
                kind: Application
                metadata: {name: invalid}
                """ + spec, GenericKubernetesResource.class);
        assertThatThrownBy(() -> client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(
                Application.class)).inNamespace(ns.name()).resource(invalid).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static Application application(String fixture, TestNamespace ns) {
        Application application = SERIALIZATION.unmarshal(Fixtures.read(fixture), Application.class);
        application.getMetadata().setNamespace(ns.name());
        return application;
    }

    /** GETs the path as {@code kubectl get} does, asking for the server-side Table rendering. */
    private static JsonNode table(KubernetesClient client, String path) throws Exception {
        var http = client.getHttpClient();
        var request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + path)
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                .build();
        HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
        assertThat(response.code()).as(response.body()).isEqualTo(200);
        return SERIALIZATION.unmarshal(response.body(), JsonNode.class);
    }

    private static Object tree(Object value) {
        return SERIALIZATION.convertValue(value, Map.class);
    }

    private static List<Tuple> conditions(KubernetesClient client, CustomResourceDefinition crd) {
        CustomResourceDefinition current = client.apiextensions().v1().customResourceDefinitions()
                .withName(crd.getMetadata().getName()).get();
        if (current.getStatus() == null) {
            return List.of();
        }
        return current.getStatus().getConditions().stream()
                .map(condition -> tuple(condition.getType(), condition.getStatus())).toList();
    }
}
