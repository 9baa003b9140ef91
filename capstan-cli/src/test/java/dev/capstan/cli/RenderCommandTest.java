package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capstan render DIR} chooses the tool from the directory's files, as the controller does. */
class RenderCommandTest {

    @TempDir
    Path repository;

    @Test
    void a_chart_is_rendered_with_helm_and_its_values_and_settings() throws IOException {
        write(Map.of(
                "web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
                "web/values.yaml", "colour: blue\nsize: small\n",
                "web/values-prod.yaml", "colour: green\n",
                "web/templates/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-config
                        data:
                          colour: {{ .Values.colour | quote }}
                          size: {{ .Values.size | quote }}
                        """));

        String out = render(repository.resolve("web").toString(), "--release-name", "demo", "--helm-values", "values-prod.yaml",
                "--helm-set", "size=large");

        assertThat(out).contains("# templates/config.yaml").contains("name: demo-config").contains("colour: green").contains("size: large");
    }

    @Test
    void an_overlay_is_rendered_with_kustomize_reading_its_base_in_the_same_repository() throws IOException {
        Files.createDirectories(repository.resolve(".git"));
        write(Map.of(
                "base/kustomization.yaml", "resources: [config.yaml]\n",
                "base/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  stage: base\n",
                "overlays/prod/kustomization.yaml", "resources: [../../base]\nnamePrefix: prod-\n"));

        String out = render(repository.resolve("overlays/prod").toString());

        assertThat(out).contains("# base/config.yaml").contains("name: prod-settings").contains("stage: base");
    }

    @Test
    void a_directory_with_jsonnet_is_evaluated() throws IOException {
        write(Map.of("app/config.jsonnet", "{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'from-' + 'jsonnet'}}\n"));

        String out = render(repository.resolve("app").toString());

        assertThat(out).contains("# config.jsonnet").contains("name: from-jsonnet");
    }

    private void write(Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = repository.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private static String render(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "render";
        System.arraycopy(args, 0, command, 1, args.length);
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(command);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }
}
