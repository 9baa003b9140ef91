package dev.capstan.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;

/** The Lua sandbox: what a script may not do, and how it is stopped; the verdicts themselves are fixtures under health/lua. */
class LuaHealthScriptsTest {

    private static final String KEY = "resource.customizations.health.example.com_Widget";
    private static final Manifest WIDGET = Manifest.parse("""
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue, namespace: shop, generation: 3}
            spec: {colour: blue, sizes: [1, 2, 3]}
            status:
              observedGeneration: 3
              conditions: [{type: Ready, status: "True", message: all good}]
            """);

    private static HealthAssessment assess(String script) {
        return assess(LuaHealthScripts.fromConfigMapData(Map.of(KEY, script), "argocd-cm"), WIDGET);
    }

    private static HealthAssessment assess(LuaHealthScripts scripts, Manifest object) {
        return HealthAssessor.builtIn().withLua(scripts).assess(object);
    }

    @Test
    void an_endless_loop_stops_within_its_instruction_budget() {
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of(KEY, "while true do end"), "argocd-cm",
                new LuaSandbox(new LuaSandbox.Budget(100_000, Duration.ofSeconds(30))));
        long start = System.nanoTime();

        var assessment = assess(scripts, WIDGET);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).isEqualTo("the Lua health check " + KEY + " stopped after 100000 instructions (an endless loop?)");
        assertThat(assessment.decidedBy()).isEqualTo("lua:argocd-cm:example.com/Widget");
    }

    @Test
    void an_endless_loop_stops_at_the_time_limit_when_the_instruction_budget_is_larger() {
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of(KEY, "local n = 0 while true do n = n + 1 end"), "argocd-cm",
                new LuaSandbox(new LuaSandbox.Budget(Long.MAX_VALUE, Duration.ofMillis(50))));

        var assessment = assess(scripts, WIDGET);

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).endsWith("stopped after 50 ms");
    }

    @Test
    void the_default_budget_stops_an_endless_loop_hidden_in_pcall() {
        var assessment = assess("""
                pcall(function() while true do end end)
                return {status = "Healthy", message = "escaped"}
                """);

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).contains("stopped after 1000000 instructions");
    }

    @Test
    void endless_recursion_gives_unknown() {
        var assessment = assess("local function f(n) return 1 + f(n + 1) end return {status = 'Healthy', message = tostring(f(1))}");

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).startsWith("the Lua health check " + KEY + " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "io.open('/etc/passwd')",
            "os.remove('/tmp/capstan')",
            "require('io')",
            "os.execute('touch /tmp/x')",
            "dofile('/etc/passwd')",
            "loadfile('/etc/passwd')",
            "load('return 1')",
            "loadstring('return 1')",
            "debug.sethook()",
            "luajava.bindClass('java.lang.System')",
            "collectgarbage()",
            "coroutine.create(function() end)",
            "string.dump(function() end)"})
    void reaching_outside_the_sandbox_is_refused(String call) {
        var assessment = assess(call + "\nreturn {status = 'Healthy', message = 'escaped'}");

        assertThat(assessment.status()).as(call).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).as(call).startsWith("the Lua health check " + KEY + " failed: " + KEY + ":1 ")
                .endsWith(" is not available to health checks");
    }

    @Test
    void the_clock_functions_of_os_are_there_as_in_argo_cd() {
        var assessment = assess("local os = require('os') return {status = 'Healthy', message = type(os.time())}");

        assertThat(assessment.message()).isEqualTo("number");
    }

    @Test
    void the_shared_libraries_are_read_only() {
        var assessment = assess("string.upper = function() return 'hijacked' end return {status = 'Healthy'}");

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).contains("the standard libraries are read-only here");
        assertThat(assess("return {status = 'Healthy', message = ('ok'):upper()}").message()).isEqualTo("OK");
    }

    @Test
    void a_huge_string_rep_is_refused() {
        var assessment = assess("local s = string.rep('x', 1000000000) return {status = 'Healthy', message = s}");

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).contains("over the limit");
    }

    @Test
    void globals_set_by_one_run_are_gone_in_the_next() {
        String script = """
                local seen = counter
                counter = (counter or 0) + 1
                return {status = "Healthy", message = tostring(seen)}
                """;
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of(KEY, script), "argocd-cm");

        assertThat(assess(scripts, WIDGET).message()).isEqualTo("nil");
        assertThat(assess(scripts, WIDGET).message()).isEqualTo("nil");
    }

    @Test
    void the_object_is_json_as_lua_tables_with_arrays_from_one() {
        var assessment = assess("""
                local s = obj.spec.sizes
                return {status = "Healthy", message = obj.metadata.name .. " " .. #s .. " " .. s[1] .. " " .. tostring(s[3] + obj.metadata.generation) }
                """);

        assertThat(assessment.message()).isEqualTo("blue 3 1 6");
    }

    @Test
    void a_script_returning_garbage_gives_unknown_with_the_reason() {
        assertThat(assess("return 42").message()).isEqualTo("the Lua health check " + KEY + " returned number, not a table with status and message");
        assertThat(assess("hs = {} hs.message = 'hi' return hs").message())
                .isEqualTo("the Lua health check " + KEY + " returned no status (expected one of Healthy, Suspended, Progressing, Missing, Degraded, Unknown)");
        assertThat(assess("return {status = 'Fine'}").message())
                .isEqualTo("the Lua health check " + KEY + " returned the status \"Fine\", which is not one of Healthy, Suspended, Progressing, Missing, Degraded, Unknown");
    }

    @Test
    void a_script_that_does_not_compile_is_a_problem_and_judges_unknown() {
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of(KEY, "if obj.status then"), "argocd-cm");

        assertThat(scripts.problems()).singleElement().asString().startsWith(KEY + " does not compile: ");
        var assessment = assess(scripts, WIDGET);
        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.message()).startsWith("the Lua health check " + KEY + " does not compile: ");
    }

    @Test
    void keys_name_kinds_as_argo_cd_does() {
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of(
                "resource.customizations.health.cert-manager.io_Certificate", "return {status = 'Healthy'}",
                "resource.customizations.health.PersistentVolumeClaim", "return {status = 'Healthy'}",
                "resource.customizations.ignoreDifferences.apps_Deployment", "jsonPointers: [/spec/replicas]",
                "resource.customizations", """
                        "*.crossplane.io/*":
                          health.lua: return {status = 'Healthy'}
                        example.com/Widget:
                          health.lua: return {status = 'Healthy'}
                          ignoreDifferences: "jsonPointers: [/spec]"
                        """,
                "url", "https://argocd.example.com"), "argocd-cm");

        assertThat(scripts.kinds()).containsExactly("example.com/Widget", "PersistentVolumeClaim", "cert-manager.io/Certificate", "*.crossplane.io/*");
        assertThat(scripts.problems()).isEmpty();
    }

    @Test
    void broken_customizations_yaml_is_a_problem_not_an_exception() {
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of("resource.customizations", "example.com/Widget: [unclosed"), "argocd-cm");

        assertThat(scripts.isEmpty()).isTrue();
        assertThat(scripts.problems()).singleElement().asString().startsWith("resource.customizations: not valid YAML");
    }

    @Test
    void many_threads_may_run_the_same_script_at_once() throws Exception {
        var scripts = LuaHealthScripts.fromConfigMapData(Map.of(KEY, """
                hs = {status = "Healthy", message = obj.metadata.name}
                for i, c in ipairs(obj.status.conditions) do hs.message = hs.message .. ":" .. c.type end
                return hs
                """), "argocd-cm");
        var assessor = HealthAssessor.builtIn().withLua(scripts);
        List<Callable<String>> runs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            runs.add(() -> assessor.assess(WIDGET).message());
        }
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var result : pool.invokeAll(runs)) {
                assertThat(result.get()).isEqualTo("blue:Ready");
            }
        }
    }
}
