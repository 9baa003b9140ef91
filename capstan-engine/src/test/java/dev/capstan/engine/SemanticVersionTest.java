package dev.capstan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.3              | 1.2.3
            v1.2.3             | 1.2.3
            v1.2               | 1.2.0
            1                  | 1.0.0
            v0.0.0             | 0.0.0
            2.0.0-rc.1         | 2.0.0-rc.1
            v2.0.0-rc.1+build5 | 2.0.0-rc.1
            1.2.3+build        | 1.2.3
            10.20.30           | 10.20.30
            """)
    void reads_a_version_from_a_tag(String tag, String version) {
        assertThat(SemanticVersion.parseTag(tag)).map(SemanticVersion::toString).contains(version);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"main", "release-1.2", "V1.2.3", "1.2.3.4", "01.2.3", "1.2.3-", "1.2.3-rc..1", "", "v", "1.2-rc.1x!", "latest"})
    void does_not_read_a_version_from_other_tags(String tag) {
        assertThat(SemanticVersion.parseTag(tag)).isEmpty();
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0.0             | 2.0.0
            2.0.0             | 2.1.0
            2.1.0             | 2.1.1
            1.0.0-alpha       | 1.0.0
            1.0.0-alpha       | 1.0.0-alpha.1
            1.0.0-alpha.1     | 1.0.0-alpha.beta
            1.0.0-alpha.beta  | 1.0.0-beta
            1.0.0-beta        | 1.0.0-beta.2
            1.0.0-beta.2      | 1.0.0-beta.11
            1.0.0-beta.11     | 1.0.0-rc.1
            1.0.0-rc.1        | 1.0.0
            1.9.0             | 1.10.0
            """)
    void orders_versions_by_semantic_versioning_precedence(String lower, String higher) {
        SemanticVersion low = parse(lower);
        SemanticVersion high = parse(higher);
        assertThat(low).isLessThan(high);
        assertThat(high).isGreaterThan(low);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.3       | v1.2.3
            1.2.3+a     | 1.2.3+b
            v1.2        | 1.2.0
            """)
    void ignores_the_v_prefix_and_build_metadata_in_precedence(String a, String b) {
        assertThat(parse(a).compareTo(parse(b))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0.0-rc.1 | true
            1.0.0      | false
            """)
    void knows_a_pre_release(String tag, boolean preRelease) {
        assertThat(parse(tag).isPreRelease()).isEqualTo(preRelease);
        assertThat(parse(tag).preRelease()).isEqualTo(preRelease ? List.of("rc", "1") : List.of());
    }

    private static SemanticVersion parse(String tag) {
        Optional<SemanticVersion> version = SemanticVersion.parseTag(tag);
        assertThat(version).as(tag).isPresent();
        return version.get();
    }
}
