package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationCondition;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.SyncPolicy;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;
import dev.capstan.testkit.ManifestTexts;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

/**
 * Kustomize, Helm and multi-source applications synced by the controller from an in-process Git
 * server to the real control plane: the tool is chosen from the files, the objects arrive, and
 * the Application says Synced and Healthy; a bad source is a ComparisonError naming the file.
 */
@WithControlPlane
class SourcesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path temporary;

    private static KubernetesClient client;
    private static String appNamespace;
    private static GitHttpServer git;
    private static CapstanController controller;

    private String destination;
    private String id;

    @BeforeAll
    static void start(KubernetesClient kubernetesClient, TestNamespace namespace) throws Exception {
        client = kubernetesClient;
        appNamespace = namespace.name();
        CustomResourceDefinitions.install(client, "capstan-test", Duration.ofSeconds(60));
        git = GitHttpServer.start(temporary.resolve("served"));
        controller = CapstanController.start(client, ControllerOptions.defaults(temporary.resolve("cache")).withNamespace(appNamespace)
                .withPollInterval(Duration.ofSeconds(2)).withWorkers(4));
    }

    @AfterAll
    static void stop() {
        controller.close();
        git.close();
    }

    @BeforeEach
    void a_destination_of_its_own() {
        id = UUID.randomUUID().toString().substring(0, 6);
        destination = "dest-" + id;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(destination).endMetadata().build()).create();
    }

    @Test
    void a_kustomize_overlay_and_a_helm_chart_in_git_are_synced_and_healthy() {
        String repository = "tools-" + id;
        HostedRepository hosted = git.create(repository);
        String commit = hosted.commit("main", Map.of(
                "base/kustomization.yaml", "resources: [deployment.yaml, config.yaml]\n",
                "base/deployment.yaml", deploymentYaml("web", "registry.invalid/web:1"),
                "base/config.yaml", configMapYaml("settings", "stage", "base"),
                "overlays/prod/kustomization.yaml", """
                        resources: [../../base]
                        namePrefix: prod-
                        images:
                          - name: registry.invalid/web
                            newTag: "2"
                        patches:
                          - target: {kind: ConfigMap, name: settings}
                            patch: |
                              - op: replace
                                path: /data/stage
                                value: prod
                        """,
                "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
                "charts/web/values.yaml", "replicas: 1\ncolour: blue\nimage: registry.invalid/web:1\n",
                "charts/web/values-prod.yaml", "colour: green\n",
                "charts/web/templates/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: {{ .Release.Name }}-web
                        spec:
                          replicas: {{ .Values.replicas }}
                          selector:
                            matchLabels: {app: {{ .Release.Name }}-web}
                          template:
                            metadata:
                              labels: {app: {{ .Release.Name }}-web}
                            spec:
                              containers:
                                - name: main
                                  image: {{ .Values.image }}
                        """,
                "charts/web/templates/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-colour
                        data:
                          colour: {{ .Values.colour | quote }}
                          replicas: {{ .Values.replicas | quote }}
                          namespace: {{ .Release.Namespace }}
                        """), "kustomize and helm");
        create(application("kustomized", gitSource(repository, "overlays/prod")));
        ApplicationSource chart = gitSource(repository, "charts/web");
        var helm = new ApplicationSource.Helm();
        helm.setValueFiles(List.of("values-prod.yaml"));
        helm.setParameters(List.of(parameter("replicas", "2")));
        chart.setHelm(helm);
        create(application("charted", chart));

        ApplicationStatus kustomized = awaitStatus("kustomized", status -> "Synced".equals(sync(status)) && "Healthy".equals(health(status)));
        ApplicationStatus charted = awaitStatus("charted", status -> "Synced".equals(sync(status)) && "Healthy".equals(health(status)));

        assertThat(kustomized.getSync().getRevision()).isEqualTo(commit);
        assertThat(charted.getSync().getRevision()).isEqualTo(commit);
        assertThat(configMap("prod-settings").getData()).containsEntry("stage", "prod");
        assertThat(deployment("prod-web").getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("registry.invalid/web:2");
        assertThat(configMap("charted-colour").getData()).containsEntry("colour", "green").containsEntry("replicas", "2")
                .containsEntry("namespace", destination);
        assertThat(deployment("charted-web").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void a_helm_chart_takes_value_files_from_another_source_by_its_ref() {
        String[] commits = createMultiSource("multi");

        ApplicationStatus status = awaitStatus("multi", current -> "Synced".equals(sync(current)) && "Healthy".equals(health(current)));

        assertThat(status.getSync().getRevisions()).containsExactly(commits[0], commits[1]);
        assertThat(configMap("multi-config").getData()).containsEntry("greeting", "hello from the team").containsEntry("size", "huge");
        assertThat(status.getHistory()).singleElement().satisfies(entry -> {
            assertThat(entry.getRevisions()).containsExactly(commits[0], commits[1]);
            assertThat(entry.getSources()).hasSize(2);
        });
    }

    @Test
    void a_multi_source_application_rolls_back_to_the_revision_of_each_source() {
        String[] first = createMultiSource("back");
        awaitStatus("back", current -> "Synced".equals(sync(current)) && historySize(current) == 1);
        String newer = git.repository("config-back-" + id).commit("main", Map.of("envs/prod/more.yaml", "size: tiny\n"), "smaller");
        var push = new dev.capstan.controller.webhook.PushEvent(dev.capstan.controller.webhook.Provider.GITHUB,
                List.of(git.url("config-back-" + id)), "refs/heads/main", Optional.of(newer), Optional.empty(), Optional.empty());
        assertThat(controller.pushed(push)).as("a push to the values repository refreshes the application").containsExactly("back");
        ApplicationStatus moved = awaitStatus("back", current -> historySize(current) == 2);
        assertThat(moved.getSync().getRevisions()).containsExactly(first[0], newer);
        assertThat(configMap("back-config").getData()).containsEntry("size", "tiny");
        mergePatch("back", "{\"spec\":{\"syncPolicy\":null}}");

        var earlier = moved.getHistory().getFirst();
        var operation = new dev.capstan.api.v1alpha1.Operation();
        var rollback = new dev.capstan.api.v1alpha1.Operation.SyncOperation();
        rollback.setRevisions(earlier.getRevisions());
        rollback.setSources(earlier.getSources());
        rollback.setRollbackTo(earlier.getId());
        operation.setSync(rollback);
        mergePatch("back", "{\"operation\":" + client.getKubernetesSerialization().asJson(operation) + "}");

        ApplicationStatus rolledBack = awaitStatus("back", current -> historySize(current) == 3);
        assertThat(configMap("back-config").getData()).containsEntry("size", "huge");
        assertThat(rolledBack.getHistory().getLast().getRevisions()).containsExactly(first[0], first[1]);
    }

    /** A chart in one repository with value files from another by its ref; returns the two commits. */
    private String[] createMultiSource(String name) {
        String charts = "charts-" + name + "-" + id;
        String config = "config-" + name + "-" + id;
        String chartCommit = git.create(charts).commit("main", Map.of(
                "web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
                "web/values.yaml", "greeting: hello\nsize: small\n",
                "web/templates/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-config
                        data:
                          greeting: {{ .Values.greeting | quote }}
                          size: {{ .Values.size | quote }}
                        """), "chart");
        String configCommit = git.create(config).commit("main", Map.of(
                "envs/prod/values.yaml", "greeting: hello from the team\nsize: large\n",
                "envs/prod/more.yaml", "size: huge\n"), "values");
        ApplicationSource chart = gitSource(charts, "web");
        var helm = new ApplicationSource.Helm();
        helm.setValueFiles(List.of("$values/envs/prod/values.yaml", "$values/envs/prod/more.yaml"));
        chart.setHelm(helm);
        ApplicationSource values = gitSource(config, null);
        values.setRef("values");
        Application application = application(name, null);
        application.getSpec().setSource(null);
        application.getSpec().setSources(List.of(chart, values));
        create(application);
        return new String[] {chartCommit, configCommit};
    }

    private static void mergePatch(String name, String patch) {
        client.resources(Application.class).inNamespace(appNamespace).withName(name)
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch);
    }

    private static int historySize(ApplicationStatus status) {
        return status.getHistory() == null ? 0 : status.getHistory().size();
    }

    @Test
    void a_chart_version_range_follows_the_newest_version_the_helm_repository_has() throws Exception {
        java.nio.file.Path served = java.nio.file.Files.createDirectories(temporary.resolve("helm-repo-" + id));
        var index = new java.util.concurrent.atomic.AtomicReference<String>();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring(1);
            byte[] body = file.equals("index.yaml") ? index.get().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : java.nio.file.Files.exists(served.resolve(file)) ? java.nio.file.Files.readAllBytes(served.resolve(file)) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        try {
            index.set(indexOf(packageChart(served, "1.2.0")));
            var source = new ApplicationSource();
            source.setRepoURL("http://127.0.0.1:" + server.getAddress().getPort());
            source.setChart("greeter");
            source.setTargetRevision("1.x");
            create(application("ranged", source));
            awaitStatus("ranged", current -> "Synced".equals(sync(current)) && "1.2.0".equals(current.getSync().getRevision()));
            assertThat(configMap("ranged-greeting").getData()).containsEntry("version", "1.2.0");

            index.set(indexOf(packageChart(served, "1.2.0"), packageChart(served, "1.3.0"), packageChart(served, "2.0.0")));
            controller.refresh(List.of("ranged"));

            awaitStatus("ranged", current -> "Synced".equals(sync(current)) && "1.3.0".equals(current.getSync().getRevision()));
            assertThat(configMap("ranged-greeting").getData()).containsEntry("version", "1.3.0");
        } finally {
            server.stop(0);
        }
    }

    /** Packages a one-template chart {@code greeter} at {@code version} into {@code served}; returns its index entry. */
    private static String packageChart(java.nio.file.Path served, String version) throws java.io.IOException {
        java.nio.file.Path chart = served.resolve("src-" + version).resolve("greeter");
        java.nio.file.Files.createDirectories(chart.resolve("templates"));
        java.nio.file.Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: greeter\nversion: " + version + "\n");
        java.nio.file.Files.writeString(chart.resolve("templates/greeting.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-greeting
                data:
                  version: {{ .Chart.Version | quote }}
                """);
        new com.marcnuri.helm.Helm(chart).packageIt().withDestination(served).call();
        return "    - name: greeter\n      version: " + version + "\n      urls: [greeter-" + version + ".tgz]\n";
    }

    private static String indexOf(String... entries) {
        return "apiVersion: v1\nentries:\n  greeter:\n" + String.join("", entries);
    }

    @Test
    void a_missing_value_file_and_a_kustomization_leaving_the_repository_are_comparison_errors_naming_the_file() {
        String repository = "bad-" + id;
        git.create(repository).commit("main", Map.of(
                "chart/Chart.yaml", "apiVersion: v2\nname: bad\nversion: 0.1.0\n",
                "chart/templates/config.yaml", configMapYaml("bad", "k", "v"),
                "escape/kustomization.yaml", "resources: [../../../elsewhere]\n"), "bad sources");
        ApplicationSource chart = gitSource(repository, "chart");
        var helm = new ApplicationSource.Helm();
        helm.setValueFiles(List.of("values-missing.yaml"));
        chart.setHelm(helm);
        create(application("missing-values", chart));
        create(application("escaping", gitSource(repository, "escape")));

        ApplicationCondition missing = awaitCondition("missing-values");
        ApplicationCondition escaping = awaitCondition("escaping");

        assertThat(missing.getType()).isEqualTo("ComparisonError");
        assertThat(missing.getMessage()).contains("chart/values-missing.yaml").contains("does not exist");
        assertThat(escaping.getType()).isEqualTo("ComparisonError");
        assertThat(escaping.getMessage()).contains("escape/kustomization.yaml").contains("../../../elsewhere");
    }

    // --- helpers ----------------------------------------------------------------------------

    private static ApplicationSource gitSource(String repository, String path) {
        var source = new ApplicationSource();
        source.setRepoURL(git.url(repository));
        source.setTargetRevision("main");
        source.setPath(path);
        return source;
    }

    private static ApplicationSource.Helm.Parameter parameter(String name, String value) {
        var parameter = new ApplicationSource.Helm.Parameter();
        parameter.setName(name);
        parameter.setValue(value);
        return parameter;
    }

    private Application application(String name, ApplicationSource source) {
        var application = new Application();
        application.getMetadata().setName(name);
        application.getMetadata().setNamespace(appNamespace);
        var spec = new ApplicationSpec();
        spec.setSource(source);
        var target = new ApplicationDestination();
        target.setServer("https://kubernetes.default.svc");
        target.setNamespace(destination);
        spec.setDestination(target);
        var policy = new SyncPolicy();
        var automated = new SyncPolicy.Automated();
        automated.setPrune(true);
        policy.setAutomated(automated);
        spec.setSyncPolicy(policy);
        application.setSpec(spec);
        return application;
    }

    private static void create(Application application) {
        client.resource(application).create();
    }

    private static ApplicationStatus awaitStatus(String name, Predicate<ApplicationStatus> condition) {
        return await().atMost(TIMEOUT).until(() -> Optional.ofNullable(
                        client.resources(Application.class).inNamespace(appNamespace).withName(name).get())
                .map(Application::getStatus).orElse(null), status -> status != null && condition.test(status));
    }

    private static ApplicationCondition awaitCondition(String name) {
        return awaitStatus(name, status -> status.getConditions() != null && !status.getConditions().isEmpty()).getConditions().getFirst();
    }

    private static String sync(ApplicationStatus status) {
        return status.getSync() == null ? null : status.getSync().getStatus();
    }

    private static String health(ApplicationStatus status) {
        return status.getHealth() == null ? null : status.getHealth().getStatus();
    }

    private ConfigMap configMap(String name) {
        return Objects.requireNonNull(client.configMaps().inNamespace(destination).withName(name).get(), name);
    }

    private Deployment deployment(String name) {
        return Objects.requireNonNull(client.apps().deployments().inNamespace(destination).withName(name).get(), name);
    }

    private static String configMapYaml(String name, String key, String value) {
        return ManifestTexts.configMap(name, key, value);
    }

    private static String deploymentYaml(String name, String image) {
        return ManifestTexts.deployment(name, image, "");
    }
}
