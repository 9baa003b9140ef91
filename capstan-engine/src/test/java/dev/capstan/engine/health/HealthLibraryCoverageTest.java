package dev.capstan.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.HealthStatus;
import tools.jackson.databind.JsonNode;

/**
 * What every rule file of the library must have, checked for each (one dynamic test per kind):
 * it parses with no problems; it holds one rule, for exactly the kind its path names; it starts
 * with a comment saying what the kind is (the first line goes into docs/health.md); and it has at
 * least three fixtures in {@code health/<group>/<Kind>/}, at least one Healthy and one not, each
 * decided by the library rule or by something documented to come before it: {@code deletion}
 * (an object being deleted), or a user's CEL rule or Lua check that the fixture itself brings.
 * The fixtures' verdicts are checked by {@link HealthFixturesTest}.
 */
class HealthLibraryCoverageTest {

    static final int MINIMUM_FIXTURES = 3;

    @TestFactory
    Stream<DynamicTest> every_library_rule_file_is_well_formed_and_covered_by_fixtures() {
        List<LibraryFiles.Kind> kinds = LibraryFiles.kinds();
        System.out.printf("health library: %d kinds in %d groups%n", kinds.size(), groups(kinds));
        return kinds.stream().map(kind -> DynamicTest.dynamicTest(kind.file().toString(), () -> check(kind)));
    }

    @Test
    void the_library_is_not_empty_and_each_kind_is_counted_once() {
        List<LibraryFiles.Kind> kinds = LibraryFiles.kinds();

        assertThat(kinds).isNotEmpty();
        assertThat(kinds.stream().map(LibraryFiles.Kind::kind)).doesNotHaveDuplicates();
        assertThat(groups(kinds)).isPositive().isLessThanOrEqualTo(kinds.size());
    }

    static long groups(List<LibraryFiles.Kind> kinds) {
        return kinds.stream().map(kind -> kind.kind().group()).distinct().count();
    }

    private static void check(LibraryFiles.Kind kind) {
        assertThat(kind.file().getNameCount()).as("%s sits at <group>/<Kind>.yaml", kind.file()).isEqualTo(2);
        assertThat(kind.summary()).as("%s starts with a comment saying what the kind is", kind.file()).isNotEmpty();

        HealthRules rules = HealthRules.parse(kind.text(), kind.file().toString());
        assertThat(rules.problems()).as("problems of %s", kind.file()).isEmpty();
        assertThat(rules.size()).as("rules in %s", kind.file()).isEqualTo(1);
        assertThat(rules.kinds()).as("the kind of the rule in %s", kind.file()).containsExactly(kind.kind());

        assertThat(kind.fixtures()).as("fixtures in health/%s/%s/", kind.directory(), kind.kind().kind())
                .hasSizeGreaterThanOrEqualTo(MINIMUM_FIXTURES);
        List<JsonNode> fixtures = kind.expectations();
        List<String> statuses = fixtures.stream().map(fixture -> fixture.path("expected").path("status").asString()).toList();
        assertThat(statuses).as("statuses of the fixtures of %s", kind.kind()).contains(HealthStatus.HEALTHY.display())
                .anyMatch(status -> !status.equals(HealthStatus.HEALTHY.display()));
        for (int i = 0; i < fixtures.size(); i++) {
            assertThat(decidedByTheLibraryOrBefore(fixtures.get(i), kind.kind()))
                    .as("%s is decided by library:%s (or by deletion, or by rules the fixture brings), not %s",
                            kind.fixtures().get(i).getFileName(), kind.kind(), fixtures.get(i).path("expected").path("decidedBy").asString())
                    .isTrue();
        }
    }

    private static boolean decidedByTheLibraryOrBefore(JsonNode fixture, GroupKind kind) {
        String decidedBy = fixture.path("expected").path("decidedBy").asString();
        return decidedBy.equals("library:" + kind)
                || decidedBy.equals("deletion")
                || (fixture.has("rules") && decidedBy.startsWith("cel:"))
                || (fixture.has("lua") && decidedBy.startsWith("lua:"));
    }
}
