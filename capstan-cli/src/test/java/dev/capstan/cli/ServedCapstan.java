package dev.capstan.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ProjectDestination;
import dev.capstan.auth.AccessControl;
import dev.capstan.auth.KubernetesAccessControl;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.kube.SecretData;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;

/**
 * Capstan as users meet it, for tests of the API and the web UI: a Git server, the controller of
 * a namespace, the real access control (accounts and policy in that namespace's ConfigMaps and
 * Secrets) and the HTTP API serving the web UI, all on loopback against the test's control plane.
 */
final class ServedCapstan implements AutoCloseable {

    final KubernetesClient client;
    final String namespace;
    final GitHttpServer git;
    final CapstanController controller;
    final AccessControl access;
    final CapstanServer server;

    private ServedCapstan(KubernetesClient client, String namespace, GitHttpServer git, CapstanController controller,
            AccessControl access, CapstanServer server) {
        this.client = client;
        this.namespace = namespace;
        this.git = git;
        this.controller = controller;
        this.access = access;
        this.server = server;
    }

    static ServedCapstan start(KubernetesClient client, String namespace, Path directory) {
        CustomResourceDefinitions.install(client, "capstan-test", Duration.ofSeconds(60));
        client.resource(defaultProject(namespace)).create();
        GitHttpServer git = GitHttpServer.start(directory.resolve("served"));
        CapstanController controller = CapstanController.start(client, ControllerOptions.defaults(directory.resolve("cache"))
                .withNamespace(namespace).withPollInterval(Duration.ofSeconds(2)).withWorkers(2));
        AccessControl access = KubernetesAccessControl.start(client, namespace, Clock.systemUTC());
        CapstanServer server = CapstanServer.start(ServerOptions.defaults().withAddress("127.0.0.1", 0), client, controller, access);
        return new ServedCapstan(client, namespace, git, controller, access, server);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The admin password made at the first start, as {@code capstan admin initial-password} would show it. */
    String initialAdminPassword() {
        return SecretData.decoded(client.secrets().inNamespace(namespace).withName("capstan-initial-admin-secret").get()).get("password");
    }

    /** Writes the RBAC policy and the local accounts (name to capabilities) the access control reads. */
    void policy(String csv, String defaultRole, Map<String, String> accounts) {
        var rbac = new ConfigMapBuilder().withNewMetadata().withName("capstan-rbac-cm").withNamespace(namespace).endMetadata()
                .addToData("policy.csv", csv).addToData("policy.default", defaultRole).build();
        client.resource(rbac).fieldManager("capstan-test").forceConflicts().serverSideApply();
        var cm = new ConfigMapBuilder().withNewMetadata().withName("capstan-cm").withNamespace(namespace).endMetadata().build();
        accounts.forEach((name, capabilities) -> cm.getData().put("accounts." + name, capabilities));
        client.resource(cm).fieldManager("capstan-test").forceConflicts().serverSideApply();
    }

    /** A manual-sync application of {@code path} in repository {@code repository}, into namespace {@code destination} (made here). */
    Application createApplication(String name, String repository, String path, String destination) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(destination).endMetadata().build())
                .fieldManager("capstan-test").forceConflicts().serverSideApply();
        var application = new Application();
        application.getMetadata().setName(name);
        application.getMetadata().setNamespace(namespace);
        var spec = new ApplicationSpec();
        spec.setProject("default");
        var source = new ApplicationSource();
        source.setRepoURL(git.url(repository));
        source.setTargetRevision("main");
        source.setPath(path);
        spec.setSource(source);
        var target = new ApplicationDestination();
        target.setServer("https://kubernetes.default.svc");
        target.setNamespace(destination);
        spec.setDestination(target);
        application.setSpec(spec);
        return client.resource(application).create();
    }

    /** The {@code default} AppProject of {@code namespace}, allowing every repository and destination. */
    static AppProject defaultProject(String namespace) {
        var project = new AppProject();
        project.getMetadata().setName("default");
        project.getMetadata().setNamespace(namespace);
        var spec = new AppProjectSpec();
        spec.setSourceRepos(List.of("*"));
        var destination = new ProjectDestination();
        destination.setServer("*");
        destination.setNamespace("*");
        spec.setDestinations(List.of(destination));
        project.setSpec(spec);
        return project;
    }

    @Override
    public void close() {
        server.close();
        if (access instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing of the test depends on it
            }
        }
        controller.close();
        git.close();
    }
}
