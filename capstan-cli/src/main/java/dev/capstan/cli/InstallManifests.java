package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.GroupKindRef;
import dev.capstan.api.v1alpha1.ProjectDestination;
import dev.capstan.auth.AuthObjects;

/**
 * What {@code capstan install} puts into a cluster, as objects: the CRDs, the namespace, the
 * controller's ServiceAccount, its RBAC, a Service for its HTTP API, UI and webhooks and the
 * controller Deployment, then the {@code default} AppProject and the web UI's RBAC policy. In
 * apply order: a kind before what needs it.
 *
 * <p>RBAC follows what the controller itself needs: a Role in its namespace (Secrets read,
 * Leases for leader election, Events; for the web UI's accounts, ConfigMaps read, Secrets
 * created, {@code capstan-secret} and {@code capstan-initial-admin-secret} updated, the latter
 * deleted), a ClusterRole for Capstan's own resources, and the
 * ClusterRole {@value #MANAGER} with every verb on every resource, because a GitOps controller
 * must write whatever Git holds. Installations for namespaced tenants narrow {@value #MANAGER}.
 */
final class InstallManifests {

    static final String CONTROLLER = "capstan-controller";
    static final String MANAGER = "capstan-manager";
    static final String DEFAULT_PROJECT = "default";
    static final int PORT = 8080;
    static final String GIT_CACHE = "/var/cache/capstan";
    static final int USER_ID = 10001;

    private static final Map<String, String> SELECTOR = new TreeMap<>(Map.of("app.kubernetes.io/name", CONTROLLER));

    private InstallManifests() {
    }

    /** The objects, the cluster-scoped ones without a namespace, the others in {@code namespace}. */
    static List<HasMetadata> of(String namespace, String image) {
        List<HasMetadata> objects = new ArrayList<>(CustomResourceDefinitions.all());
        objects.forEach(crd -> crd.getMetadata().setLabels(partOf()));
        objects.add(new NamespaceBuilder().withMetadata(metadata(namespace, null)).build());
        objects.add(new ServiceAccountBuilder().withMetadata(metadata(CONTROLLER, namespace)).build());
        objects.add(new RoleBuilder().withMetadata(metadata(CONTROLLER, namespace)).withRules(
                rule("", "secrets", "get", "list", "watch"),
                rule("coordination.k8s.io", "leases", "get", "create", "update"),
                rule("", "configmaps", "get", "list", "watch"),
                rule("", "secrets", "create"),
                named(rule("", "secrets", "update"), AuthObjects.SECRET, AuthObjects.INITIAL_ADMIN_SECRET),
                named(rule("", "secrets", "delete"), AuthObjects.INITIAL_ADMIN_SECRET),
                rule("", "events", "create", "patch"),
                rule("events.k8s.io", "events", "create", "patch")).build());
        objects.add(new RoleBindingBuilder().withMetadata(metadata(CONTROLLER, namespace))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", CONTROLLER)
                .withSubjects(controllerSubject(namespace)).build());
        objects.add(new ClusterRoleBuilder().withMetadata(metadata(CONTROLLER, null)).withRules(new PolicyRuleBuilder()
                .withApiGroups(Application.GROUP)
                .withResources("applications", "applications/status", "applications/finalizers",
                        "appprojects", "appprojects/status", "appprojects/finalizers")
                .withVerbs("*").build()).build());
        objects.add(new ClusterRoleBindingBuilder().withMetadata(metadata(CONTROLLER, null))
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", CONTROLLER)
                .withSubjects(controllerSubject(namespace)).build());
        objects.add(new ClusterRoleBuilder().withMetadata(metadata(MANAGER, null)).withRules(new PolicyRuleBuilder()
                .withApiGroups("*").withResources("*").withVerbs("*").build()).build());
        objects.add(new ClusterRoleBindingBuilder().withMetadata(metadata(MANAGER, null))
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", MANAGER)
                .withSubjects(controllerSubject(namespace)).build());
        objects.add(new ServiceBuilder().withMetadata(metadata(CONTROLLER, namespace)).withNewSpec()
                .withSelector(SELECTOR)
                .addNewPort().withName("http").withPort(PORT).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build());
        objects.add(deployment(namespace, image));
        objects.add(defaultProject(namespace));
        objects.add(defaultRbacPolicy(namespace));
        return objects;
    }

    private static HasMetadata deployment(String namespace, String image) {
        var container = new ContainerBuilder()
                .withName("controller")
                .withImage(image)
                .withArgs("controller", "--in-cluster", "--api-port", String.valueOf(PORT), "--cache-dir", GIT_CACHE + "/git")
                .addNewEnv().withName("CAPSTAN_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                // The root file system is read-only: whatever wants a home directory writes to /tmp.
                .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
                .addNewPort().withName("http").withContainerPort(PORT).endPort()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("1Gi"))
                .endResources()
                .withLivenessProbe(healthz(10))
                .withReadinessProbe(healthz(5))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("git-cache").withMountPath(GIT_CACHE).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
        return new DeploymentBuilder().withMetadata(metadata(CONTROLLER, namespace)).withNewSpec()
                .withReplicas(1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(SELECTOR).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels()).endMetadata()
                .withNewSpec()
                .withServiceAccountName(CONTROLLER)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser((long) USER_ID).withRunAsGroup((long) USER_ID).withFsGroup((long) USER_ID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container)
                .addNewVolume().withName("git-cache").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec().build();
    }

    /** The project every Application without one belongs to: anything from anywhere to anywhere, as Argo CD's. */
    static AppProject defaultProject(String namespace) {
        var spec = new AppProjectSpec();
        spec.setDescription("The project of Applications that name none; allows every source, destination and kind.");
        spec.setSourceRepos(List.of("*"));
        var anywhere = new ProjectDestination();
        anywhere.setServer("*");
        anywhere.setNamespace("*");
        spec.setDestinations(List.of(anywhere));
        var anyKind = new GroupKindRef();
        anyKind.setGroup("*");
        anyKind.setKind("*");
        spec.setClusterResourceWhitelist(List.of(anyKind));
        var project = new AppProject();
        project.setMetadata(metadata(DEFAULT_PROJECT, namespace));
        project.setSpec(spec);
        return project;
    }

    /**
     * The RBAC policy of the web UI and API until the user writes their own: every account may
     * read everything, only admin may change anything. Created only when missing, like the
     * default project, so that a later install keeps the user's policy.
     */
    static ConfigMap defaultRbacPolicy(String namespace) {
        return new ConfigMapBuilder().withMetadata(metadata(AuthObjects.RBAC_CONFIG_MAP, namespace))
                .withData(new TreeMap<>(Map.of(
                        "policy.default", "role:readonly",
                        "policy.csv", """
                                # Argo CD's format: p, <subject>, <resource>, <action>, <object>, allow|deny
                                # and g, <user or group>, <role>. Built in: role:admin (everything),
                                # role:readonly (every get), and the account admin has role:admin.
                                # p, role:deployer, applications, sync, shop/*, allow
                                # g, alice, role:deployer
                                """)))
                .build();
    }

    /** Objects a later install leaves as they are: the user owns them once they exist. */
    static boolean createdOnlyWhenMissing(HasMetadata object) {
        return object instanceof AppProject
                || (object instanceof ConfigMap && object.getMetadata().getName().equals(AuthObjects.RBAC_CONFIG_MAP));
    }

    private static PolicyRule named(PolicyRule rule, String... names) {
        rule.setResourceNames(List.of(names));
        return rule;
    }

    private static Probe healthz(int periodSeconds) {
        return new ProbeBuilder().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
                .withInitialDelaySeconds(5).withPeriodSeconds(periodSeconds).build();
    }

    private static PolicyRule rule(String group, String resource, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
    }

    private static Subject controllerSubject(String namespace) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(CONTROLLER).withNamespace(namespace).build();
    }

    private static ObjectMeta metadata(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(name.equals(CONTROLLER) ? labels() : partOf()).build();
    }

    private static Map<String, String> labels() {
        return new TreeMap<>(Map.of("app.kubernetes.io/name", CONTROLLER, "app.kubernetes.io/part-of", "capstan",
                "app.kubernetes.io/component", "controller"));
    }

    private static Map<String, String> partOf() {
        return new TreeMap<>(Map.of("app.kubernetes.io/part-of", "capstan"));
    }
}
