package dev.capstan.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import dev.capstan.localcluster.LocalControlPlane;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * Checks that the control plane the testkit starts behaves like a real cluster for the API
 * features Capstan relies on: server-side apply, dry-run, controllers, CRDs, namespace deletion,
 * garbage collection, discovery and kwok's fake node.
 */
@WithControlPlane
class ControlPlaneIT {

    private static final String FIELD_MANAGER = "capstan-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NAMESPACE_DELETION_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(150);

    @Test
    void server_side_apply_creates_and_updates_with_field_manager(KubernetesClient client, TestNamespace namespace) {
        ConfigMap created = client.resource(configMap(namespace, "applied", Map.of("colour", "blue")))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        assertThat(created.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("colour", "blue"));

        client.resource(configMap(namespace, "applied", Map.of("colour", "green", "size", "large")))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();

        ConfigMap stored = client.configMaps().inNamespace(namespace.name()).withName("applied").get();
        assertThat(stored.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("colour", "green", "size", "large"));
        assertThat(stored.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(stored.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                .contains(tuple(FIELD_MANAGER, "Apply"));
    }

    @Test
    void server_side_dry_run_apply_returns_defaulted_fields_and_creates_nothing(KubernetesClient client,
            TestNamespace namespace) {
        Deployment deployment = deployment(namespace, "dry-run", 1);

        Deployment returned = client.resource(deployment).dryRun()
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();

        assertThat(returned.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(returned.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(returned.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        var container = returned.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(client.apps().deployments().inNamespace(namespace.name()).withName("dry-run").get()).isNull();
    }

    @Test
    void deployment_with_two_replicas_becomes_available_with_two_ready_pods_on_the_fake_node(
            KubernetesClient client, TestNamespace namespace) {
        client.resource(deployment(namespace, "web", 2)).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();

        awaiting().untilAsserted(() -> {
            Deployment current = client.apps().deployments().inNamespace(namespace.name()).withName("web").get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(current.getStatus().getAvailableReplicas()).isEqualTo(2);
            assertThat(current.getStatus().getConditions())
                    .filteredOn(condition -> "Available".equals(condition.getType()))
                    .extracting(DeploymentCondition::getStatus)
                    .containsExactly("True");
        });

        List<Pod> pods = client.pods().inNamespace(namespace.name()).withLabel("app", "web").list().getItems();
        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSpec().getNodeName()).isEqualTo(LocalControlPlane.NODE_NAME);
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getConditions())
                    .filteredOn(condition -> "Ready".equals(condition.getType()))
                    .extracting(PodCondition::getStatus)
                    .containsExactly("True");
        });
    }

    @Test
    void custom_resource_definition_becomes_established_and_its_resources_can_be_applied_and_listed(
            KubernetesClient client, TestNamespace namespace) {
        CustomResourceDefinition crd = client.resource(widgetDefinition(uniqueGroup())).create();
        try {
            awaitEstablished(client, crd);
            String group = crd.getSpec().getGroup();
            var context = new ResourceDefinitionContext.Builder()
                    .withGroup(group).withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true)
                    .build();
            GenericKubernetesResource widget = new GenericKubernetesResourceBuilder()
                    .withApiVersion(group + "/v1").withKind("Widget")
                    .withNewMetadata().withName("sprocket").withNamespace(namespace.name()).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("teeth", 12, "colour", "red"))
                    .build();

            GenericKubernetesResource applied = client.genericKubernetesResources(context)
                    .inNamespace(namespace.name()).resource(widget)
                    .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            assertThat(applied.getMetadata().getUid()).isNotBlank();

            List<GenericKubernetesResource> listed = client.genericKubernetesResources(context)
                    .inNamespace(namespace.name()).list().getItems();
            assertThat(listed).singleElement().satisfies(item -> {
                assertThat(item.getMetadata().getName()).isEqualTo("sprocket");
                assertThat(item.<Object>get("spec", "colour")).isEqualTo("red");
                assertThat(item.<Object>get("spec", "teeth")).isEqualTo(12);
            });
        } finally {
            client.resource(crd).delete();
        }
    }

    @Test
    void deleting_a_namespace_removes_it_and_its_contents(KubernetesClient client) {
        String name = "doomed-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        client.resource(configMap(new TestNamespace(name), "content", Map.of("key", "value"))).create();
        assertThat(client.configMaps().inNamespace(name).withName("content").get()).isNotNull();

        client.namespaces().withName(name).delete();

        awaiting().atMost(NAMESPACE_DELETION_TIMEOUT)
                .untilAsserted(() -> assertThat(client.namespaces().withName(name).get()).isNull());
        assertThat(client.configMaps().inNamespace(name).withName("content").get()).isNull();
    }

    @Test
    void owner_reference_garbage_collection_deletes_children(KubernetesClient client, TestNamespace namespace) {
        ConfigMap parent = client.resource(configMap(namespace, "parent", Map.of("role", "parent"))).create();
        ConfigMap child = new ConfigMapBuilder(configMap(namespace, "child", Map.of("role", "child")))
                .editMetadata()
                .addNewOwnerReference()
                .withApiVersion("v1").withKind("ConfigMap")
                .withName(parent.getMetadata().getName()).withUid(parent.getMetadata().getUid())
                .withBlockOwnerDeletion(false)
                .endOwnerReference()
                .endMetadata()
                .build();
        client.resource(child).create();

        client.configMaps().inNamespace(namespace.name()).withName("parent")
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        awaiting().untilAsserted(() ->
                assertThat(client.configMaps().inNamespace(namespace.name()).withName("child").get()).isNull());
        assertThat(client.configMaps().inNamespace(namespace.name()).withName("parent").get()).isNull();
    }

    @Test
    void discovery_lists_the_built_in_groups_and_a_new_custom_resource_group(KubernetesClient client) {
        assertThat(groupNames(client)).contains("apps", "batch", "apiextensions.k8s.io");

        CustomResourceDefinition crd = client.resource(widgetDefinition(uniqueGroup())).create();
        try {
            awaitEstablished(client, crd);
            String group = crd.getSpec().getGroup();
            awaiting().untilAsserted(() -> assertThat(groupNames(client)).contains(group));
        } finally {
            client.resource(crd).delete();
        }
    }

    @Test
    void job_completes(KubernetesClient client, TestNamespace namespace) {
        Job job = new JobBuilder()
                .withNewMetadata().withName("once").withNamespace(namespace.name()).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("registry.invalid/job:1").endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.resource(job).create();

        awaiting().untilAsserted(() -> {
            Job current = client.batch().v1().jobs().inNamespace(namespace.name()).withName("once").get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getSucceeded()).isEqualTo(1);
            assertThat(current.getStatus().getConditions())
                    .filteredOn(condition -> "Complete".equals(condition.getType()))
                    .extracting(JobCondition::getStatus)
                    .containsExactly("True");
        });
    }

    private static ConditionFactory awaiting() {
        return await().atMost(TIMEOUT).pollInterval(POLL);
    }

    private static ConfigMap configMap(TestNamespace namespace, String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace.name()).endMetadata()
                .withData(data)
                .build();
    }

    private static Deployment deployment(TestNamespace namespace, String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace.name()).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage("registry.invalid/app:1").endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** A group no other test (or earlier run against the same cluster) uses. */
    private static String uniqueGroup() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".capstan.dev";
    }

    private static CustomResourceDefinition widgetDefinition(String group) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets." + group).endMetadata()
                .withNewSpec()
                .withGroup(group)
                .withScope("Namespaced")
                .withNewNames().withKind("Widget").withListKind("WidgetList").withPlural("widgets")
                .withSingular("widget").endNames()
                .addNewVersion()
                .withName("v1").withServed(true).withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .addToProperties("spec", new JSONSchemaPropsBuilder()
                        .withType("object").withXKubernetesPreserveUnknownFields(true).build())
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    private static void awaitEstablished(KubernetesClient client, CustomResourceDefinition crd) {
        awaiting().untilAsserted(() -> {
            CustomResourceDefinition current = client.apiextensions().v1().customResourceDefinitions()
                    .withName(crd.getMetadata().getName()).get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getConditions())
                    .filteredOn(condition -> "Established".equals(condition.getType()))
                    .extracting(CustomResourceDefinitionCondition::getStatus)
                    .containsExactly("True");
        });
    }

    private static List<String> groupNames(KubernetesClient client) {
        return client.getApiGroups().getGroups().stream().map(APIGroup::getName).toList();
    }
}
