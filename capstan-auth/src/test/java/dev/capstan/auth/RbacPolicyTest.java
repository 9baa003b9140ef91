package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The cases of {@code rbac/cases.yaml}: a ConfigMap's data, principals, and what each may and may not do. */
class RbacPolicyTest {

    @TestFactory
    Stream<DynamicTest> every_case_of_rbac_cases_yaml() throws IOException {
        JsonNode cases;
        try (InputStream in = RbacPolicyTest.class.getResourceAsStream("/rbac/cases.yaml")) {
            cases = YAMLMapper.builder().build().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode testCase : cases) {
            tests.add(DynamicTest.dynamicTest(testCase.get("name").asString(), () -> check(testCase)));
        }
        assertThat(tests).hasSizeGreaterThan(10);
        return tests.stream();
    }

    private static void check(JsonNode testCase) {
        Map<String, String> data = new TreeMap<>();
        testCase.get("data").properties().forEach(entry -> data.put(entry.getKey(), entry.getValue().asString()));
        PolicyCsv.ParsedPolicy parsed = PolicyCsv.parse(data);
        assertThat(parsed.problems()).isEmpty();

        List<JsonNode> principals = new ArrayList<>(List.of(testCase));
        if (testCase.has("also")) {
            testCase.get("also").forEach(principals::add);
        }
        int checked = 0;
        for (JsonNode principal : principals) {
            String user = principal.get("user").asString();
            List<String> groups = principal.has("groups") ? strings(principal.get("groups")) : List.of();
            for (String request : principal.has("allowed") ? strings(principal.get("allowed")) : List.<String>of()) {
                String[] r = request.split(",\\s*", 3);
                assertThat(parsed.policy().allows(user, groups, r[0], r[1], r[2])).as("%s %s may %s", user, groups, request).isTrue();
                checked++;
            }
            for (String request : principal.has("denied") ? strings(principal.get("denied")) : List.<String>of()) {
                String[] r = request.split(",\\s*", 3);
                assertThat(parsed.policy().allows(user, groups, r[0], r[1], r[2])).as("%s %s may not %s", user, groups, request).isFalse();
                checked++;
            }
        }
        assertThat(checked).as("a case checks something").isPositive();
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.asString()));
        return values;
    }

    @Test
    void a_policy_with_a_problem_is_not_used_and_only_admin_may_act() {
        PolicyCsv.ParsedPolicy parsed = PolicyCsv.parse(Map.of(
                "policy.default", "role:readonly",
                "policy.csv", """
                        p, role:deployer, applications, sync, shop/*, allow
                        g, alice, role:deployer
                        p, alice, applications, sync, shop/vault, denny
                        """));

        assertThat(parsed.problems()).containsExactly("policy.csv line 3: the effect must be allow or deny, not 'denny'");
        assertThat(parsed.policy().allows("alice", List.of(), "applications", "sync", "shop/web")).isFalse();
        assertThat(parsed.policy().allows("alice", List.of(), "applications", "get", "shop/web"))
                .as("not even policy.default").isFalse();
        assertThat(parsed.policy().allows("admin", List.of(), "applications", "sync", "shop/vault")).isTrue();
    }

    @Test
    void every_problem_names_its_key_and_line() {
        PolicyCsv.ParsedPolicy parsed = PolicyCsv.parse(Map.of(
                "policy.csv", """
                        # fine
                        p, alice, applications, get
                        x, alice, role:admin
                        g, alice
                        p, alice, , get, */*, allow
                        p, alice, applications, get, "*/*, allow
                        p, alice, applications, get, */*, allow, extra
                        """,
                "policy.extra.csv", "g, bob, role:admin, more\n",
                "policy.matchMode", "regex"));

        assertThat(parsed.problems()).containsExactly(
                "policy.csv line 2: a p line has 5 or 6 fields (p, subject, resource, action, object, effect), this one has 4",
                "policy.csv line 3: a line starts with p (a permission) or g (a role binding), not 'x'",
                "policy.csv line 4: a g line has 3 fields (g, subject, role), this one has 2",
                "policy.csv line 5: the resource (field 3) is empty",
                "policy.csv line 6: a double quote is not closed",
                "policy.csv line 7: a p line has 5 or 6 fields (p, subject, resource, action, object, effect), this one has 7",
                "policy.extra.csv line 1: a g line has 3 fields (g, subject, role), this one has 4",
                "policy.matchMode: only glob is supported, not 'regex'");
    }

    @Test
    void the_built_in_roles_are_there_with_or_without_a_configmap() {
        RbacPolicy builtIn = RbacPolicy.builtIn();

        assertThat(builtIn.allows("alice", List.of(), "applications", "get", "shop/web")).isFalse();
        assertThat(builtIn.subjectsOf("admin", List.of())).containsExactly("admin", "role:admin");
        assertThat(PolicyCsv.parse(Map.of()).policy().defaultRole()).isEmpty();
        assertThat(PolicyCsv.parse(Map.of("policy.default", " ")).policy().defaultRole()).isEmpty();
    }

    @Test
    void globs_match_the_whole_value() {
        assertThat(Glob.matches("*", "")).isTrue();
        assertThat(Glob.matches("*", "shop/web")).isTrue();
        assertThat(Glob.matches("shop/*", "shop/")).isTrue();
        assertThat(Glob.matches("shop/*", "shop")).isFalse();
        assertThat(Glob.matches("*/web", "shop/web")).isTrue();
        assertThat(Glob.matches("*/web", "shop/web/x")).isFalse();
        assertThat(Glob.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(Glob.matches("a*b*c", "aXXbYY")).isFalse();
        assertThat(Glob.matches("s?op", "shop")).isTrue();
        assertThat(Glob.matches("s?op", "sop")).isFalse();
        assertThat(Glob.matches("**", "anything")).isTrue();
        assertThat(Glob.matches("", "")).isTrue();
        assertThat(Glob.matches("", "x")).isFalse();
    }
}
