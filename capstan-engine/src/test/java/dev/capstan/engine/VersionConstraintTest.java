package dev.capstan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionConstraintTest {

    /** constraint; versions it matches; versions it does not match (space-separated). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            *                     ; 0.0.0 1.2.3 99.0.0                  ; 2.0.0-rc.1 1.0.0-alpha
            x                     ; 0.1.0 5.0.0                         ; 5.0.0-beta
            1.2.3                 ; 1.2.3 v1.2.3 1.2.3+build             ; 1.2.4 1.2.2 1.2.3-rc.1
            =1.2.3                ; 1.2.3                               ; 1.2.4
            v1.2.3                ; 1.2.3                               ; 1.3.0
            1.2.*                 ; 1.2.0 1.2.9 v1.2.100                ; 1.3.0 1.1.9 1.2.5-rc.1
            1.2.x                 ; 1.2.0 1.2.9                         ; 1.3.0
            1.2                   ; 1.2.0 1.2.9                         ; 1.3.0
            1.*                   ; 1.0.0 1.9.9                         ; 2.0.0 0.9.0
            1.*.3                 ; 1.0.0 1.9.9                         ; 2.0.0
            1                     ; 1.0.0 1.9.9                         ; 2.0.0
            !=1.2.3               ; 1.2.4 1.2.2                         ; 1.2.3
            !=1.2                 ; 1.3.0 1.1.9                         ; 1.2.0 1.2.7
            >1.2.3                ; 1.2.4 2.0.0                         ; 1.2.3 1.2.2
            >1.2                  ; 1.3.0                               ; 1.2.0 1.2.9
            >1                    ; 2.0.0                               ; 1.9.9
            >=1.2.3               ; 1.2.3 1.3.0                         ; 1.2.2
            >=1.2                 ; 1.2.0                               ; 1.1.9
            <1.2.3                ; 1.2.2 0.0.1                         ; 1.2.3 1.3.0
            <1.2                  ; 1.1.9                               ; 1.2.0
            <=1.2.3               ; 1.2.3 1.2.2                         ; 1.2.4
            <=1.2                 ; 1.2.0 1.2.9                         ; 1.3.0
            >=1.0.0 <2.0.0        ; 1.0.0 1.5.0 1.9.9                   ; 0.9.9 2.0.0 2.0.0-rc.1
            >= 1.0.0, < 2.0.0     ; 1.0.0 1.9.9                         ; 2.0.0
            >=1.0.0,<2.0.0        ; 1.0.0 1.9.9                         ; 2.0.0
            ~1.2.3                ; 1.2.3 1.2.9                         ; 1.2.2 1.3.0
            ~1.2                  ; 1.2.0 1.2.9                         ; 1.1.0 1.3.0
            ~1                    ; 1.0.0 1.9.9                         ; 2.0.0 0.9.0
            ~>1.2                 ; 1.2.0 1.2.9                         ; 1.3.0
            ^1.2.3                ; 1.2.3 1.9.0 1.99.99                 ; 1.2.2 2.0.0 2.0.0-rc.1
            ^1.2                  ; 1.2.0 1.9.0                         ; 1.1.9 2.0.0
            ^1                    ; 1.0.0 1.9.0                         ; 2.0.0
            ^0.2.3                ; 0.2.3 0.2.9                         ; 0.2.2 0.3.0
            ^0.0.3                ; 0.0.3                               ; 0.0.2 0.0.4
            ^0.0                  ; 0.0.0 0.0.9                         ; 0.1.0
            ^0                    ; 0.0.0 0.9.9                         ; 1.0.0
            1.2 - 1.4.5           ; 1.2.0 1.4.5                         ; 1.1.9 1.4.6
            1.2.3 - 2.3           ; 1.2.3 2.3.9                         ; 1.2.2 2.4.0
            1.2.3 || >=2.0.0      ; 1.2.3 2.0.0 3.0.0                   ; 1.2.4 1.9.9
            <1.0.0 || ^3          ; 0.9.0 3.5.0                         ; 1.0.0 2.0.0 4.0.0
            >=2.0.0-0             ; 2.0.0-rc.1 2.0.0 2.1.0-alpha        ; 1.9.9 1.9.9-rc.1
            >=2.0.0-rc.0 <2.0.0   ; 2.0.0-rc.1                          ; 2.0.0 1.9.9
            2.0.0-rc.1            ; 2.0.0-rc.1 v2.0.0-rc.1              ; 2.0.0 2.0.0-rc.2
            ^2.0.0-rc.0           ; 2.0.0-rc.1 2.0.0 2.5.0              ; 3.0.0 1.9.9
            *  || >=2.0.0-rc.1    ; 1.0.0 2.0.0-rc.1                    ; 2.0.0-rc.0
            """)
    void matches_the_versions_in_its_range(String constraint, String matching, String notMatching) {
        VersionConstraint parsed = VersionConstraint.parse(constraint).orElseThrow(() -> new AssertionError("not parsed: " + constraint));
        assertThat(versions(matching)).as("matched by %s", constraint).allSatisfy(v -> assertThat(parsed.matches(v)).as(v.toString()).isTrue());
        assertThat(versions(notMatching)).as("not matched by %s", constraint).allSatisfy(v -> assertThat(parsed.matches(v)).as(v.toString()).isFalse());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "main", "feature/x", "release-1.2", ">=", ">= main", "1.2.3 ||", "|| 1.2.3", "1.2.3.4", "1.x-rc.1",
            ">>1.0.0", "=>1.0.0", "latest", "HEAD", "1.2 -", "- 1.2"})
    void is_not_a_constraint(String text) {
        assertThat(VersionConstraint.parse(text)).isEmpty();
    }

    private static SemanticVersion[] versions(String list) {
        return Arrays.stream(list.trim().split("\\s+"))
                .map(tag -> SemanticVersion.parseTag(tag).orElseThrow(() -> new AssertionError("bad test version " + tag)))
                .toArray(SemanticVersion[]::new);
    }
}
