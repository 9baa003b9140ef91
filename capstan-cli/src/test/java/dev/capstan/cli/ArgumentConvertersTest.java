package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.capstan.engine.ResourceKey;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

/** The small parsers of command-line values: durations, resources, output formats, the app namespace. */
class ArgumentConvertersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"90s, PT1M30S", "5m, PT5M", "1h30m, PT1H30M", "120, PT2M", "500ms, PT0.5S"})
    void reads_durations_as_kubectl_writes_them(String text, String expected) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "5 minutes", "m5", "0s", "5m3", "-5m"})
    void refuses_what_is_not_a_positive_duration(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text)).isInstanceOf(TypeConversionException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Deployment.apps/shop/web, apps, Deployment, shop, web",
        "ConfigMap/settings, '', ConfigMap, '', settings",
        "Ingress.networking.k8s.io/web, networking.k8s.io, Ingress, '', web"})
    void reads_resources_as_kind_group_namespace_name(String text, String group, String kind, String namespace, String name) {
        assertThat(ResourceArgument.parse(text)).isEqualTo(new ResourceArgument(group, kind, namespace, name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"web", "a/b/c/d", "Deployment//web", "/web"})
    void refuses_what_is_not_a_resource(String text) {
        assertThatThrownBy(() -> ResourceArgument.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining(ResourceArgument.FORMAT);
    }

    @Test
    void a_resource_without_a_namespace_takes_the_default_one() {
        assertThat(ResourceArgument.parse("Service/web").key("shop")).isEqualTo(new ResourceKey("", "Service", "shop", "web"));
    }

    @Test
    void output_formats_are_read_in_any_case() {
        assertThat(new OutputFormat.Converter().convert("YAML")).isEqualTo(OutputFormat.YAML);
        assertThatThrownBy(() -> new OutputFormat.Converter().convert("xml")).hasMessageContaining("table, wide, name, yaml, json");
    }

    @Test
    void the_app_namespace_is_the_option_else_the_environment_else_capstan() {
        assertThat(CapstanOptions.namespace("apps", Map.of("CAPSTAN_NAMESPACE", "env"))).isEqualTo("apps");
        assertThat(CapstanOptions.namespace(null, Map.of("CAPSTAN_NAMESPACE", "env"))).isEqualTo("env");
        assertThat(CapstanOptions.namespace(null, Map.of())).isEqualTo("capstan");
    }
}
