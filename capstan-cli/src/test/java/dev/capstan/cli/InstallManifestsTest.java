package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.AppProject;

class InstallManifestsTest {

    private final List<HasMetadata> objects = InstallManifests.of("gitops", "example.org/capstan:1.0");

    private <T extends HasMetadata> T find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void lists_what_a_kind_needs_before_it() {
        assertThat(objects).extracting(InstallCommand::name).containsExactly(
                "customresourcedefinition.apiextensions.k8s.io/appprojects.capstan.dev",
                "customresourcedefinition.apiextensions.k8s.io/applications.capstan.dev",
                "namespace/gitops",
                "serviceaccount/capstan-controller",
                "role.rbac.authorization.k8s.io/capstan-controller",
                "rolebinding.rbac.authorization.k8s.io/capstan-controller",
                "clusterrole.rbac.authorization.k8s.io/capstan-controller",
                "clusterrolebinding.rbac.authorization.k8s.io/capstan-controller",
                "clusterrole.rbac.authorization.k8s.io/capstan-manager",
                "clusterrolebinding.rbac.authorization.k8s.io/capstan-manager",
                "service/capstan-controller",
                "deployment.apps/capstan-controller",
                "appproject.capstan.dev/default",
                "configmap/capstan-rbac-cm");
        assertThat(objects).filteredOn(object -> !object.getKind().startsWith("Cluster") && !object.getKind().equals("Namespace")
                && !object.getKind().equals("CustomResourceDefinition"))
                .extracting(object -> object.getMetadata().getNamespace()).containsOnly("gitops");
    }

    @Test
    void runs_the_controller_locked_down() {
        Deployment deployment = find(Deployment.class, "capstan-controller");
        var pod = deployment.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(container.getImage()).isEqualTo("example.org/capstan:1.0");
        assertThat(container.getArgs()).containsExactly("controller", "--in-cluster", "--api-port", "8080", "--cache-dir", "/var/cache/capstan/git");
        assertThat(container.getResources().getRequests()).hasToString("{cpu=100m, memory=256Mi}");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(8080);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/var/cache/capstan"));
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(pod.getServiceAccountName()).isEqualTo("capstan-controller");
    }

    @Test
    void the_rbac_policy_of_the_web_ui_lets_every_account_read_and_is_kept_once_written() {
        ConfigMap policy = find(ConfigMap.class, "capstan-rbac-cm");

        assertThat(policy.getData()).containsEntry("policy.default", "role:readonly");
        assertThat(policy.getData().get("policy.csv").lines()).allMatch(line -> line.startsWith("#"));
        assertThat(InstallManifests.createdOnlyWhenMissing(policy)).isTrue();
        assertThat(InstallManifests.createdOnlyWhenMissing(find(AppProject.class, "default"))).isTrue();
        assertThat(InstallManifests.createdOnlyWhenMissing(find(Role.class, "capstan-controller"))).isFalse();
    }

    @Test
    void gives_the_controller_only_what_it_needs_in_its_namespace() {
        Role role = find(Role.class, "capstan-controller");

        assertThat(role.getRules()).extracting(rule -> rule.getApiGroups() + " " + rule.getResources() + " " + rule.getVerbs())
                .containsExactly("[] [secrets] [get, list, watch]", "[coordination.k8s.io] [leases] [get, create, update]",
                        "[] [configmaps] [get, list, watch]", "[] [secrets] [create]", "[] [secrets] [update]", "[] [secrets] [delete]",
                        "[] [events] [create, patch]", "[events.k8s.io] [events] [create, patch]");
        assertThat(role.getRules()).extracting(rule -> rule.getResourceNames()).containsExactly(List.of(), List.of(), List.of(), List.of(),
                List.of("capstan-secret", "capstan-initial-admin-secret"), List.of("capstan-initial-admin-secret"), List.of(), List.of());
        assertThat(find(ClusterRole.class, "capstan-controller").getRules().getFirst().getResources())
                .contains("applications", "applications/status", "applications/finalizers", "appprojects");
        assertThat(find(ClusterRole.class, "capstan-manager").getRules().getFirst().getVerbs()).containsExactly("*");
    }
}
