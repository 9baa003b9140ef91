package dev.capstan.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

class HealthAssessorTest {

    private static final Manifest ROLLING_OUT = Manifest.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, generation: 2}
            spec: {replicas: 3}
            status: {observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 3}
            """);
    private static final Manifest DELETING = Manifest.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: old, namespace: shop, generation: 2, deletionTimestamp: "2026-11-26T12:00:00Z"}
            spec: {replicas: 1}
            status: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1}
            """);
    private static final Manifest CONFIG = Manifest.parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {LOG_LEVEL: info}
            """);
    private static final Manifest BROKEN_WIDGET = Manifest.parse("""
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: tls, namespace: shop}
            status:
              conditions: [{type: Ready, status: "False", reason: Failed, message: order failed}]
            """);

    private static HealthRules rules(String source, String yaml) {
        return HealthRules.parse(yaml, source);
    }

    @Test
    void user_rules_come_before_the_built_in_check() {
        var assessor = HealthAssessor.builtIn().withRules(rules("team.yaml", """
                - {group: apps, kind: Deployment, checks: [{when: "true", status: Healthy, message: trusted}]}
                """));

        var assessment = assessor.assess(ROLLING_OUT);

        assertThat(assessment.health()).isEqualTo(Health.healthy("trusted"));
        assertThat(assessment.decidedBy()).isEqualTo("cel:team.yaml#0");
    }

    @Test
    void rule_sources_are_consulted_in_the_order_they_were_added() {
        var assessor = HealthAssessor.builtIn()
                .withRules(rules("first.yaml", """
                        - {group: apps, kind: Deployment, checks: [{when: "object.spec.replicas > 5", status: Degraded}]}
                        """))
                .withRules(rules("second.yaml", """
                        - {group: apps, kind: Deployment, checks: [{when: "true", status: Suspended, message: second}]}
                        """))
                .withRules(rules("third.yaml", """
                        - {group: apps, kind: Deployment, checks: [{when: "true", status: Degraded, message: third}]}
                        """));

        assertThat(assessor.assess(ROLLING_OUT).decidedBy()).isEqualTo("cel:second.yaml#0");
    }

    @Test
    void the_built_in_check_decides_when_no_user_rule_applies() {
        var assessment = HealthAssessor.builtIn().assess(ROLLING_OUT);

        assertThat(assessment.status()).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(assessment.decidedBy()).isEqualTo("builtin:Deployment.apps");
        assertThat(assessment.key()).isEqualTo(ResourceKey.of(new GroupKind("apps", "Deployment"), "shop", "web"));
    }

    @Test
    void pending_deletion_comes_before_the_built_in_check() {
        var assessment = HealthAssessor.builtIn().assess(DELETING);

        assertThat(assessment.health()).isEqualTo(Health.progressing("pending deletion"));
        assertThat(assessment.decidedBy()).isEqualTo("deletion");
    }

    @Test
    void the_generic_fallback_decides_for_kinds_without_a_check() {
        var assessment = HealthAssessor.builtIn().assess(BROKEN_WIDGET);

        assertThat(assessment.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(assessment.decidedBy()).isEqualTo("generic:conditions");
    }

    @Test
    void an_added_check_replaces_the_built_in_check_for_its_kind() {
        var assessor = HealthAssessor.builtIn().withCheck(new GroupKind("apps", "Deployment"), live -> Health.suspended("by policy"));

        var assessment = assessor.assess(ROLLING_OUT);

        assertThat(assessment.health()).isEqualTo(Health.suspended("by policy"));
        assertThat(assessment.decidedBy()).isEqualTo("check:Deployment.apps");
    }

    @Test
    void an_added_check_that_throws_gives_unknown_with_the_reason() {
        HealthCheck careless = live -> {
            throw new IllegalStateException("no status.widgets");
        };
        var assessor = HealthAssessor.builtIn().withCheck(new GroupKind("example.com", "Widget"), careless);

        var assessment = assessor.assess(BROKEN_WIDGET);

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).contains("no status.widgets");
        assertThat(assessment.decidedBy()).isEqualTo("check:Widget.example.com");
    }

    @Test
    void an_added_check_that_gives_no_verdict_gives_unknown() {
        var assessor = HealthAssessor.builtIn().withCheck(new GroupKind("example.com", "Widget"), live -> null);

        assertThat(assessor.assess(BROKEN_WIDGET).health()).isEqualTo(Health.unknown("the check gave no verdict"));
    }

    @Test
    void adding_rules_or_checks_leaves_the_original_assessor_unchanged() {
        var builtIn = HealthAssessor.builtIn();
        builtIn.withRules(rules("team.yaml", """
                - {group: apps, kind: Deployment, checks: [{when: "true", status: Healthy}]}
                """));
        builtIn.withCheck(new GroupKind("apps", "Deployment"), live -> Health.healthy(""));

        assertThat(builtIn.assess(ROLLING_OUT).decidedBy()).isEqualTo("builtin:Deployment.apps");
    }

    @Test
    void configuration_has_no_health_information() {
        var assessment = HealthAssessor.builtIn().assess(CONFIG);

        assertThat(assessment.hasHealthInformation()).isFalse();
        assertThat(assessment.health()).isEqualTo(Health.healthy("no health information"));
    }

    @Test
    void a_desired_object_absent_from_the_cluster_is_missing() {
        var key = ResourceKey.of(GroupKind.core("Service"), "shop", "web");

        var assessment = HealthAssessment.missing(key);

        assertThat(assessment.status()).isEqualTo(HealthStatus.MISSING);
        assertThat(assessment.toString()).isEqualTo("Service/shop/web: Missing: not found in the cluster [missing]");
    }

    @Test
    void the_application_is_as_healthy_as_its_worst_resource() {
        var assessor = HealthAssessor.builtIn();
        var resources = List.of(assessor.assess(DELETING), assessor.assess(BROKEN_WIDGET), assessor.assess(ROLLING_OUT));

        assertThat(HealthAssessor.aggregate(resources)).isEqualTo(
                Health.degraded("Widget.example.com/shop/tls is Degraded: Ready is False (Failed): order failed"));
    }

    @Test
    void the_application_message_names_the_first_worst_resource_and_counts_the_others() {
        var assessor = HealthAssessor.builtIn();
        var resources = List.of(assessor.assess(ROLLING_OUT), assessor.assess(DELETING), assessor.assess(CONFIG));

        assertThat(HealthAssessor.aggregate(resources)).isEqualTo(
                Health.progressing("Deployment.apps/shop/old is Progressing: pending deletion (and 1 more resource Progressing)"));
    }

    @Test
    void unknown_is_worse_than_degraded() {
        var key = ResourceKey.of(GroupKind.core("Pod"), "shop", "a");
        var resources = List.of(
                new HealthAssessment(key, Health.degraded("crash loop"), "builtin:Pod"),
                new HealthAssessment(key.withNamespace("zoo"), Health.unknown("node lost"), "builtin:Pod"));

        assertThat(HealthAssessor.aggregate(resources).status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void missing_is_worse_than_progressing_and_better_than_degraded() {
        var missing = HealthAssessment.missing(ResourceKey.of(GroupKind.core("Service"), "shop", "web"));
        var progressing = HealthAssessor.builtIn().assess(ROLLING_OUT);

        assertThat(HealthAssessor.aggregate(List.of(progressing, missing)).status()).isEqualTo(HealthStatus.MISSING);
        assertThat(HealthAssessor.aggregate(List.of(missing, HealthAssessor.builtIn().assess(BROKEN_WIDGET))).status())
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void resources_without_health_information_do_not_count() {
        var config = HealthAssessor.builtIn().assess(CONFIG);
        var broken = new HealthAssessment(config.key(), Health.unknown("would be worst if it counted"), HealthAssessment.NO_HEALTH_INFORMATION);

        assertThat(HealthAssessor.aggregate(List.of(config, broken))).isEqualTo(Health.healthy("no resource reports health"));
    }

    @Test
    void an_application_of_healthy_resources_is_healthy() {
        var healthy = HealthAssessor.builtIn().withCheck(new GroupKind("apps", "Deployment"), live -> Health.healthy("fine"));
        var resources = List.of(healthy.assess(ROLLING_OUT), healthy.assess(DELETING.with(object -> object.withObject("/metadata").remove("deletionTimestamp"))), healthy.assess(CONFIG));

        assertThat(HealthAssessor.aggregate(resources)).isEqualTo(Health.healthy("all 2 resources are healthy"));
    }

    @Test
    void an_empty_application_is_healthy() {
        assertThat(HealthAssessor.aggregate(List.of())).isEqualTo(Health.healthy("no resource reports health"));
    }

    @Test
    void cel_rules_come_before_lua_checks_which_come_before_the_built_in_check() {
        var lua = LuaHealthScripts.fromConfigMapData(java.util.Map.of(
                "resource.customizations.health.apps_Deployment", "return {status = 'Suspended', message = 'from Lua'}"), "argocd-cm");
        var withLua = HealthAssessor.builtIn().withLua(lua);
        var withBoth = withLua.withRules(rules("team.yaml", """
                - {group: apps, kind: Deployment, checks: [{when: "object.metadata.name == 'web'", status: Healthy, message: from CEL}]}
                """));

        assertThat(withLua.assess(ROLLING_OUT).decidedBy()).isEqualTo("lua:argocd-cm:apps/Deployment");
        assertThat(withLua.assess(ROLLING_OUT).health()).isEqualTo(Health.suspended("from Lua"));
        assertThat(withBoth.assess(ROLLING_OUT).decidedBy()).isEqualTo("cel:team.yaml#0");
        assertThat(withBoth.assess(DELETING).decidedBy()).isEqualTo("deletion");
    }
}
