package dev.capstan.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;

class HealthRulesTest {

    private static Manifest widget(int replicas) {
        return Manifest.parse("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w%d, namespace: shop}
                status: {readyReplicas: %d}
                """.formatted(replicas, replicas));
    }

    @Test
    void empty_text_has_no_rules() {
        assertThat(HealthRules.parse("", "empty.yaml").isEmpty()).isTrue();
        assertThat(HealthRules.parse("# nothing yet\n", "comment.yaml").isEmpty()).isTrue();
    }

    @Test
    void text_that_is_not_yaml_is_refused_naming_the_source_and_line() {
        assertThatThrownBy(() -> HealthRules.parse("- kind: Widget\n  checks: [\n", "rules.yaml"))
                .isInstanceOf(HealthRulesException.class)
                .hasMessageStartingWith("rules.yaml: not valid YAML (line ");
    }

    @Test
    void rules_must_be_a_list() {
        assertThatThrownBy(() -> HealthRules.parse("kind: Widget\n", "configmap/capstan/health:rules"))
                .isInstanceOf(HealthRulesException.class)
                .hasMessage("configmap/capstan/health:rules: expected a list of rules, found object");
    }

    @Test
    void a_rule_must_name_its_kind() {
        assertThatThrownBy(() -> HealthRules.parse("- group: example.com\n  checks: [{when: 'true', status: Healthy}]\n", "rules.yaml"))
                .hasMessage("rules.yaml: rule #0: `kind` is required");
    }

    @Test
    void a_misspelt_field_is_refused_rather_than_ignored() {
        assertThatThrownBy(() -> HealthRules.parse("- kind: Widget\n  group: example.com\n  chekcs: []\n", "rules.yaml"))
                .hasMessage("rules.yaml: rule #0: unknown field chekcs (expected checks, group, kind)");
    }

    @Test
    void a_rule_needs_at_least_one_check() {
        assertThatThrownBy(() -> HealthRules.parse("- {group: example.com, kind: Widget, checks: []}\n", "rules.yaml"))
                .hasMessage("rules.yaml: rule #0 (Widget.example.com): `checks` must be a non-empty list of {when, status, message}");
    }

    @Test
    void a_check_needs_a_when_and_a_known_status() {
        assertThatThrownBy(() -> HealthRules.parse("- {group: example.com, kind: Widget, checks: [{status: Healthy}]}\n", "rules.yaml"))
                .hasMessage("rules.yaml: rule #0 (Widget.example.com), check #0: `when` is required");
        assertThatThrownBy(() -> HealthRules.parse("- {group: example.com, kind: Widget, checks: [{when: 'true', status: Fine}]}\n", "rules.yaml"))
                .hasMessage("rules.yaml: rule #0 (Widget.example.com), check #0: `status` Fine is not one of "
                        + "Healthy, Suspended, Progressing, Missing, Degraded, Unknown");
    }

    @Test
    void status_names_are_matched_without_regard_to_case() {
        var rules = HealthRules.parse("- {group: example.com, kind: Widget, checks: [{when: true, status: degraded}]}\n", "rules.yaml");

        assertThat(rules.assess(widget(1)).orElseThrow().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void core_names_the_core_group() {
        var rules = HealthRules.parse("- {group: core, kind: ConfigMap, checks: [{when: 'true', status: Suspended}]}\n", "rules.yaml");
        var config = Manifest.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: shop}}");

        assertThat(rules.assess(config).orElseThrow().status()).isEqualTo(HealthStatus.SUSPENDED);
    }

    @Test
    void expressions_that_do_not_compile_are_listed_as_problems_without_throwing() {
        var rules = HealthRules.parse("""
                - group: example.com
                  kind: Widget
                  checks:
                    - when: "object.status.readyReplicas >"
                      status: Healthy
                    - when: "true"
                      status: Progressing
                      messageExpression: "object.status.readyReplicas + 1"
                """, "rules.yaml");

        assertThat(rules.problems()).hasSize(2);
        assertThat(rules.problems().get(0)).startsWith(
                "health rule rules.yaml#0 (Widget.example.com), check #0: `object.status.readyReplicas >` does not compile: ");
        assertThat(rules.problems().get(1)).isEqualTo(
                "health rule rules.yaml#0 (Widget.example.com), check #1: `object.status.readyReplicas + 1` has type int, not string");
    }

    @Test
    void rules_for_other_kinds_give_no_verdict() {
        var rules = HealthRules.parse("- {group: example.com, kind: Gadget, checks: [{when: 'true', status: Degraded}]}\n", "rules.yaml");

        assertThat(rules.assess(widget(1))).isEmpty();
    }

    @Test
    void compiled_rules_judge_many_objects_at_once() {
        var rules = HealthRules.parse("""
                - group: example.com
                  kind: Widget
                  checks:
                    - when: "object.status.readyReplicas % 2 == 0"
                      status: Healthy
                      messageExpression: "string(object.status.readyReplicas) + ' ready'"
                    - when: "true"
                      status: Progressing
                      message: odd
                """, "rules.yaml");

        var verdicts = IntStream.range(0, 2_000).parallel().mapToObj(n -> rules.assess(widget(n)).orElseThrow().health()).toList();

        assertThat(verdicts).hasSize(2_000);
        IntStream.range(0, 2_000).forEach(n -> assertThat(verdicts.get(n))
                .isEqualTo(n % 2 == 0 ? Health.healthy(n + " ready") : Health.progressing("odd")));
    }
}
