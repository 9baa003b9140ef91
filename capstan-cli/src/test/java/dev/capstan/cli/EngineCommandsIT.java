package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.ManifestFormat;
import dev.capstan.localcluster.LocalControlPlane;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** {@code capstan render|diff|apply|health} on a directory, against the real control plane. */
@WithControlPlane
class EngineCommandsIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "demo-repo", "guestbook");

    @TempDir
    Path dir;

    private LocalControlPlane controlPlane;
    private KubernetesClient client;
    private String namespace;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp(LocalControlPlane controlPlane, KubernetesClient client, TestNamespace testNamespace) throws IOException {
        this.controlPlane = controlPlane;
        this.client = client;
        this.namespace = testNamespace.name();
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void apply_then_diff_then_change_then_prune() throws IOException {
        String app = "guestbook-" + namespace.hashCode();
        Result applied = cluster("apply", dir.toString(), "--app", app);
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.out()).contains("PreSync, wave 0", "Sync, wave -1", "Sync succeeded.");
        assertThat(client.apps().deployments().inNamespace(namespace).withName("frontend").get()).isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace(namespace).withName("guestbook-migrate").get())
                .as("the PreSync hook is deleted once it succeeded").isNull();

        Result same = cluster("diff", dir.toString(), "--app", app);
        assertThat(same.exit()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("3 resources: 3 synced, 0 out of sync, 0 missing, 0 to prune");

        Result again = cluster("apply", dir.toString(), "--app", app);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).as("an unchanged object is not applied again")
                .doesNotContainPattern("succeeded (create|apply) ");

        Files.writeString(dir.resolve("config.yaml"), Files.readString(dir.resolve("config.yaml"))
                .replace("Hello from Capstan", "Hello again"));
        Result changed = cluster("diff", dir.toString(), "--app", app);
        assertThat(changed.exit()).isEqualTo(DiffCommand.DIFFERENCES);
        assertThat(changed.out()).contains("===== ConfigMap/" + namespace + "/guestbook-config (OutOfSync)",
                "-  GREETING: Hello from Capstan", "+  GREETING: Hello again");

        Files.delete(dir.resolve("frontend.yaml"));
        Result pruned = cluster("apply", dir.toString(), "--app", app, "--prune");
        assertThat(pruned.exit()).as(pruned.out() + pruned.err()).isZero();
        assertThat(pruned.out()).contains("succeeded prune   Service/" + namespace + "/frontend",
                "succeeded apply   ConfigMap/" + namespace + "/guestbook-config");
        assertThat(client.services().inNamespace(namespace).withName("frontend").get()).isNull();
        assertThat(client.configMaps().inNamespace(namespace).withName("guestbook-config").get().getData())
                .containsEntry("GREETING", "Hello again");
    }

    @Test
    void a_dry_run_prints_the_plan_in_execution_order_and_changes_nothing() {
        String planned = namespace + "-plan";
        Result plan = run("apply", dir.toString(), "--app", "planned", "--dry-run", "-o", "json",
                "--kubeconfig", controlPlane.kubeconfig().toString(), "--namespace", planned);

        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode tasks = ManifestFormat.JSON.readTree(plan.out());
        List<String> rows = new ArrayList<>();
        tasks.forEach(task -> rows.add(String.join(" ", task.get("phase").asString(), task.get("wave").asString(),
                task.get("kind").asString(), task.get("namespace").asString(), task.get("name").asString(),
                task.get("action").asString())));
        assertThat(rows).containsExactly(
                "PreSync 0 Job " + planned + " guestbook-migrate HOOK",
                "Sync -1 ConfigMap " + planned + " guestbook-config CREATE",
                "Sync 0 Service " + planned + " frontend CREATE",
                "Sync 0 Deployment " + planned + " frontend CREATE");
        assertThat(client.namespaces().withName(planned).get()).isNull();
    }

    @Test
    void a_malformed_file_is_an_error_naming_file_and_line() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n");

        Result diff = cluster("diff", dir.toString(), "--app", "broken");

        assertThat(diff.exit()).isEqualTo(DiffCommand.ERROR);
        assertThat(diff.err()).contains("broken.yaml:");
    }

    @Test
    void health_prints_one_json_object_per_input_object_in_order() throws IOException {
        Path file = Files.writeString(dir.resolve("live.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, generation: 3}
                spec: {replicas: 2}
                status: {observedGeneration: 2}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: shop}
                status: {phase: Bound}
                """);

        Result health = run("health", "-o", "json", file.toString());

        assertThat(health.exit()).as(health.err()).isZero();
        JsonNode objects = ManifestFormat.JSON.readTree(health.out());
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0).propertyNames()).containsExactly("apiVersion", "kind", "namespace", "name", "status", "message");
        assertThat(objects.get(0).get("status").asString()).isEqualTo("Progressing");
        assertThat(objects.get(1).get("status").asString()).isEqualTo("Healthy");
    }

    @Test
    void health_rules_can_come_from_a_config_map() throws IOException {
        client.configMaps().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("health-rules").endMetadata()
                .addToData("settings.yaml", """
                        - kind: ConfigMap
                          checks:
                            - when: "has(object.data) && object.data.mode == 'broken'"
                              status: Degraded
                              messageExpression: "'mode is ' + object.data.mode"
                        """)
                .build()).create();
        Path file = Files.writeString(dir.resolve("settings.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {mode: broken}
                """);

        Result health = cluster("health", file.toString(), "--rules-configmap", namespace + "/health-rules");

        assertThat(health.exit()).as(health.err()).isZero();
        assertThat(health.out()).containsPattern("ConfigMap/shop/settings +Degraded +cel:ConfigMap/" + namespace
                + "/health-rules settings.yaml#0 +mode is broken");
    }

    private Result cluster(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", controlPlane.kubeconfig().toString(), "--namespace", namespace));
        return run(all.toArray(String[]::new));
    }

    private static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
