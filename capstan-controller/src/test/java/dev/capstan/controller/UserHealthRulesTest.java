package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.health.HealthAssessor;

class UserHealthRulesTest {

    private static final ControllerOptions.HealthSources SOURCES = ControllerOptions.HealthSources.defaults();
    private static final Manifest WIDGET = Manifest.parse("""
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue, namespace: shop}
            spec: {colour: blue}
            status: {phase: Running}
            """);
    private static final Manifest GADGET = Manifest.parse("""
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: red, namespace: shop}
            status: {phase: Running}
            """);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UserHealthRules.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void a_broken_rule_file_is_left_out_naming_its_key_and_the_others_apply() {
        var data = Map.of(
                "capstan-health-rules", Map.of(
                        "broken.yaml", "kind: [not, a, list",
                        "widgets.yaml", "- {group: example.com, kind: Widget, checks: [{when: \"true\", status: Degraded, message: from CEL}]}"),
                "capstan-health-lua", Map.of(
                        "resource.customizations.health.example.com_Gadget", "return {status = 'Suspended', message = 'from Lua'}"));

        HealthAssessor assessor = UserHealthRules.load(name -> Optional.ofNullable(data.get(name)), "capstan", SOURCES, HealthAssessor.builtIn());

        assertThat(assessor.assess(WIDGET).decidedBy()).isEqualTo("cel:ConfigMap/capstan/capstan-health-rules widgets.yaml#0");
        assertThat(assessor.assess(WIDGET).message()).isEqualTo("from CEL");
        assertThat(assessor.assess(GADGET).decidedBy()).isEqualTo("lua:ConfigMap/capstan/capstan-health-lua:example.com/Gadget");
        assertThat(assessor.assess(GADGET).message()).isEqualTo("from Lua");
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .startsWith("health rules ConfigMap/capstan/capstan-health-rules broken.yaml: left out, it is not a rule file"));
    }

    @Test
    void absent_config_maps_mean_the_built_in_health_only() {
        HealthAssessor assessor = UserHealthRules.load(name -> Optional.empty(), "capstan", SOURCES, HealthAssessor.builtIn());

        assertThat(assessor.assess(WIDGET).decidedBy()).isEqualTo("generic:phase");
    }

    @Test
    void a_lua_script_that_does_not_compile_is_logged_and_judges_its_kind_unknown() {
        var data = Map.of("capstan-health-lua", Map.of("resource.customizations.health.example.com_Widget", "if then"));

        HealthAssessor assessor = UserHealthRules.load(name -> Optional.ofNullable(data.get(name)), "capstan", SOURCES, HealthAssessor.builtIn());

        assertThat(assessor.assess(WIDGET).status().display()).isEqualTo("Unknown");
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .startsWith("Lua health checks ConfigMap/capstan/capstan-health-lua: resource.customizations.health.example.com_Widget does not compile"));
    }
}
