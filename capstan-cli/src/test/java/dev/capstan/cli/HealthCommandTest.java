package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capstan health} offline: which rule decides, with CEL rules and Argo CD Lua checks from files. */
class HealthCommandTest {

    private static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue, namespace: shop}
            spec: {colour: blue}
            status:
              conditions: [{type: Ready, status: "False", reason: QuotaExceeded, message: quota exceeded}]
            """;
    private static final String LUA = """
            hs = {}
            for i, c in ipairs(obj.status.conditions) do
              if c.type == "Ready" and c.reason == "QuotaExceeded" then
                hs.status = "Suspended"
                hs.message = "waiting for quota: " .. c.message
                return hs
              end
            end
            hs.status = "Progressing"
            return hs
            """;

    @TempDir
    Path dir;

    @Test
    void a_lua_file_holding_an_argocd_cm_manifest_decides_before_the_generic_fallback() throws IOException {
        Path objects = write("widget.yaml", WIDGET);
        Path argocd = write("argocd-cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: argocd-cm, namespace: argocd}
                data:
                  url: https://argocd.example.com
                  resource.customizations.health.example.com_Widget: |
                %s""".formatted(LUA.indent(4)));

        CommandRun run = CommandRun.of("health", objects.toString(), "--lua-file", argocd.toString());

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.out()).containsPattern("Widget.example.com/shop/blue +Suspended +lua:" + java.util.regex.Pattern.quote(argocd.toString())
                + ":example.com/Widget +waiting for quota: quota exceeded");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_lua_file_may_hold_just_the_data_in_the_older_form_and_cel_rules_still_come_first() throws IOException {
        Path objects = write("widget.yaml", WIDGET);
        Path data = write("customizations.yaml", """
                resource.customizations: |
                  example.com/Widget:
                    health.lua: |
                %s""".formatted(LUA.indent(6)));
        Path rules = write("rules.yaml", """
                - group: example.com
                  kind: Widget
                  checks:
                    - {when: "object.spec.colour == 'red'", status: Degraded, message: red}
                """);

        CommandRun run = CommandRun.of("health", objects.toString(), "--rules", rules.toString(), "--lua-file", data.toString(),
                "-o", "json");

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.out()).contains("\"status\" : \"Suspended\"", "\"message\" : \"waiting for quota: quota exceeded\"");
    }

    @Test
    void a_lua_script_that_does_not_compile_is_a_warning_and_its_kind_is_unknown() throws IOException {
        Path objects = write("widget.yaml", WIDGET);
        Path data = write("argocd-cm.yaml", "resource.customizations.health.example.com_Widget: \"if obj.status then\"\n");

        CommandRun run = CommandRun.of("health", objects.toString(), "--lua-file", data.toString());

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.err()).startsWith("warning: " + data + ": resource.customizations.health.example.com_Widget does not compile: ");
        assertThat(run.out()).containsPattern("Widget.example.com/shop/blue +Unknown +lua:");
    }

    @Test
    void a_lua_file_that_is_not_yaml_is_a_usage_error_naming_it() throws IOException {
        Path objects = write("widget.yaml", WIDGET);
        Path data = write("argocd-cm.yaml", "resource.customizations.health.example.com_Widget: [unclosed\n");

        CommandRun run = CommandRun.of("health", objects.toString(), "--lua-file", data.toString());

        assertThat(run.exit()).as(run.printed()).isNotZero();
        assertThat(run.err()).contains("--lua-file " + data + ": not valid YAML");
    }

    @Test
    void a_lua_configmap_name_must_be_namespace_and_name() throws IOException {
        Path objects = write("widget.yaml", WIDGET);

        CommandRun run = CommandRun.of("health", objects.toString(), "--lua-configmap", "argocd-cm");

        assertThat(run.exit()).as(run.printed()).isNotZero();
        assertThat(run.err()).contains("--lua-configmap argocd-cm: expected NAMESPACE/NAME");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
