package dev.capstan.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.RenderException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvFileSource(resources = "/render/globs.psv", delimiter = '|', quoteCharacter = '"')
    void matches_paths_as_argo_cd_does(String pattern, String path, boolean matches) {
        assertThat(Glob.compile(pattern, "include").matches(path)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{a,b", "[abc", "x[]", "trailing\\"})
    void refuses_a_pattern_that_does_not_parse_naming_the_option(String pattern) {
        assertThatThrownBy(() -> Glob.compile(pattern, "exclude"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
                .hasMessageStartingWith("exclude pattern '" + pattern + "' is not valid: ");
    }
}
