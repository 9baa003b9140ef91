package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;

import org.junit.jupiter.api.Test;

/** The CRDs the build generated into META-INF/fabric8/, read back from the class path. */
class CustomResourceDefinitionsTest {

    private static final CustomResourceDefinition APPLICATIONS = read("META-INF/fabric8/applications.capstan.dev-v1.yml");
    private static final CustomResourceDefinition PROJECTS = read("META-INF/fabric8/appprojects.capstan.dev-v1.yml");

    @Test
    void the_loader_finds_both_files_by_type() {
        assertThat(CustomResourceDefinitions.resourcePath(Application.class))
                .isEqualTo("META-INF/fabric8/applications.capstan.dev-v1.yml");
        assertThat(CustomResourceDefinitions.resourcePath(AppProject.class))
                .isEqualTo("META-INF/fabric8/appprojects.capstan.dev-v1.yml");
        assertThat(CustomResourceDefinitions.all()).extracting(crd -> crd.getMetadata().getName())
                .containsExactly("appprojects.capstan.dev", "applications.capstan.dev");
        assertThat(CustomResourceDefinitions.load(Application.class)).isEqualTo(APPLICATIONS);
    }

    @Test
    void applications_are_namespaced_in_capstan_dev_v1alpha1_with_short_names() {
        assertThat(APPLICATIONS.getMetadata().getName()).isEqualTo("applications.capstan.dev");
        assertThat(APPLICATIONS.getSpec().getGroup()).isEqualTo("capstan.dev");
        assertThat(APPLICATIONS.getSpec().getScope()).isEqualTo("Namespaced");
        var names = APPLICATIONS.getSpec().getNames();
        assertThat(names.getKind()).isEqualTo("Application");
        assertThat(names.getPlural()).isEqualTo("applications");
        assertThat(names.getSingular()).isEqualTo("application");
        assertThat(names.getShortNames()).containsExactly("app", "apps");
        assertThat(APPLICATIONS.getSpec().getVersions())
                .extracting(CustomResourceDefinitionVersion::getName, CustomResourceDefinitionVersion::getServed,
                        CustomResourceDefinitionVersion::getStorage)
                .containsExactly(tuple("v1alpha1", true, true));
    }

    @Test
    void application_printer_columns_show_sync_health_revision_and_age_in_that_order() {
        assertThat(version(APPLICATIONS).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
                        CustomResourceColumnDefinition::getType, CustomResourceColumnDefinition::getPriority)
                .containsExactly(
                        tuple("Sync", ".status.sync.status", "string", 0),
                        tuple("Health", ".status.health.status", "string", 0),
                        tuple("Revision", ".status.sync.revision", "string", 0),
                        tuple("Project", ".spec.project", "string", 1),
                        tuple("Age", ".metadata.creationTimestamp", "date", 0));
    }

    @Test
    void applications_have_the_status_subresource_and_projects_do_not() {
        assertThat(version(APPLICATIONS).getSubresources().getStatus()).isNotNull();
        assertThat(version(APPLICATIONS).getSubresources().getScale()).isNull();
        assertThat(version(PROJECTS).getSubresources()).isNull();
    }

    @Test
    void free_form_parts_preserve_unknown_fields() {
        JSONSchemaProps root = schema(APPLICATIONS);
        for (String path : List.of("spec.source.helm.valuesObject", "spec.sources[].helm.valuesObject",
                "status.operationState.syncResult")) {
            JSONSchemaProps freeForm = at(root, path);
            assertThat(freeForm.getType()).as(path).isEqualTo("object");
            assertThat(freeForm.getXKubernetesPreserveUnknownFields()).as(path).isTrue();
            assertThat(freeForm.getAdditionalProperties()).as(path).isNull();
            assertThat(freeForm.getProperties()).as(path).isEmpty();
        }
        JSONSchemaProps patch = at(root, "spec.source.kustomize.patches[]");
        assertThat(patch.getType()).isEqualTo("object");
        assertThat(patch.getAdditionalProperties().getSchema().getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(at(root, "spec.source.kustomize.replicas[].count").getXKubernetesIntOrString()).isTrue();
        assertThat(root.getXKubernetesPreserveUnknownFields()).isNull();
        assertThat(at(root, "spec").getXKubernetesPreserveUnknownFields()).isNull();
    }

    @Test
    void the_top_level_operation_field_is_in_the_schema() {
        JSONSchemaProps operation = at(schema(APPLICATIONS), "operation");
        assertThat(operation.getProperties()).containsOnlyKeys("sync", "initiatedBy", "retry");
        assertThat(at(operation, "sync").getProperties())
                .containsOnlyKeys("revision", "prune", "dryRun", "resources", "syncOptions", "source", "rollbackTo", "revisions", "sources");
    }

    @Test
    void application_spec_requires_a_destination_and_a_source_or_sources_with_a_repository() {
        JSONSchemaProps spec = at(schema(APPLICATIONS), "spec");
        assertThat(spec.getRequired()).containsExactly("destination");
        assertThat(spec.getXKubernetesValidations()).extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(
                        tuple("has(self.source) || has(self.sources)", "set source or sources"),
                        tuple("!(has(self.source) && has(self.sources))", "set source or sources, not both"));
        assertThat(at(spec, "source").getRequired()).containsExactly("repoURL");
        assertThat(at(spec, "sources[]").getRequired()).containsExactly("repoURL");
        assertThat(at(spec, "destination").getXKubernetesValidations()).extracting(ValidationRule::getRule)
                .containsExactly("has(self.server) != has(self.name)");
    }

    @Test
    void project_and_revision_history_limit_have_argo_cds_defaults() {
        JSONSchemaProps spec = at(schema(APPLICATIONS), "spec");
        assertThat(at(spec, "project").getDefault().asString()).isEqualTo("default");
        assertThat(at(spec, "revisionHistoryLimit").getDefault().asLong()).isEqualTo(10);
        assertThat(at(spec, "revisionHistoryLimit").getMinimum()).isZero();
    }

    @Test
    void application_status_has_every_part_the_controller_writes() {
        assertThat(at(schema(APPLICATIONS), "status").getProperties()).containsOnlyKeys("sync", "health",
                "resources", "operationState", "history", "conditions", "reconciledAt", "observedGeneration",
                "summary", "inventory");
        assertThat(at(schema(APPLICATIONS), "status.inventory[]").getProperties()).containsOnlyKeys("group", "kind",
                "namespace", "name", "desiredHash", "fieldsHash");
    }

    @Test
    void projects_are_namespaced_with_a_short_name_and_sync_window_kinds_are_an_enum() {
        assertThat(PROJECTS.getSpec().getGroup()).isEqualTo("capstan.dev");
        assertThat(PROJECTS.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(PROJECTS.getSpec().getNames().getKind()).isEqualTo("AppProject");
        assertThat(PROJECTS.getSpec().getNames().getShortNames()).containsExactly("proj");
        assertThat(version(PROJECTS).getName()).isEqualTo("v1alpha1");
        JSONSchemaProps window = at(schema(PROJECTS), "spec.syncWindows[]");
        assertThat(window.getRequired()).containsExactlyInAnyOrder("kind", "schedule", "duration");
        assertThat(at(window, "kind").getEnum()).extracting(node -> node.asString()).containsExactly("allow", "deny");
        assertThat(at(schema(PROJECTS), "spec").getProperties()).containsOnlyKeys("description", "sourceRepos",
                "destinations", "clusterResourceWhitelist", "clusterResourceBlacklist", "namespaceResourceWhitelist",
                "namespaceResourceBlacklist", "roles", "syncWindows");
    }

    @Test
    void both_schemas_are_structural() {
        for (CustomResourceDefinition crd : List.of(APPLICATIONS, PROJECTS)) {
            List<String> untyped = new ArrayList<>();
            collectUntyped(schema(crd), "", untyped);
            assertThat(untyped).as(crd.getMetadata().getName()).isEmpty();
        }
    }

    /** Structural schemas give every node a type, unless it is int-or-string or preserves unknown fields. */
    private static void collectUntyped(JSONSchemaProps node, String path, List<String> untyped) {
        boolean typeFree = Boolean.TRUE.equals(node.getXKubernetesIntOrString())
                || Boolean.TRUE.equals(node.getXKubernetesPreserveUnknownFields());
        if (node.getType() == null && !typeFree) {
            untyped.add(path);
        }
        for (Map.Entry<String, JSONSchemaProps> property : node.getProperties().entrySet()) {
            collectUntyped(property.getValue(), path + "." + property.getKey(), untyped);
        }
        if (node.getItems() != null) {
            collectUntyped(node.getItems().getSchema(), path + "[]", untyped);
        }
        if (node.getAdditionalProperties() != null && node.getAdditionalProperties().getSchema() != null) {
            collectUntyped(node.getAdditionalProperties().getSchema(), path + "{}", untyped);
        }
    }

    /** The schema at a dotted path; {@code []} after a name steps into the array's items. */
    private static JSONSchemaProps at(JSONSchemaProps root, String path) {
        JSONSchemaProps node = root;
        for (String step : path.split("\\.")) {
            boolean items = step.endsWith("[]");
            String name = items ? step.substring(0, step.length() - 2) : step;
            JSONSchemaProps child = node.getProperties().get(name);
            assertThat(child).as("schema property %s in %s", name, path).isNotNull();
            node = items ? child.getItems().getSchema() : child;
        }
        return node;
    }

    private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
        return crd.getSpec().getVersions().getFirst();
    }

    private static JSONSchemaProps schema(CustomResourceDefinition crd) {
        return version(crd).getSchema().getOpenAPIV3Schema();
    }

    private static CustomResourceDefinition read(String path) {
        try (InputStream in = CustomResourceDefinitionsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
