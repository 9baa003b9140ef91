package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.git.GitException.Reason;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevisionsTest {

    static final ObjectId MAIN = id("1");
    static final ObjectId DEVELOP = id("2");
    static final ObjectId V1 = id("3");
    static final ObjectId V1_1 = id("4");
    static final ObjectId V2_RC = id("5");
    static final ObjectId BRANCH_NAMED_LIKE_TAG = id("6");
    static final ObjectId LOOSE = ObjectId.fromString("abcdef0123456789abcdef0123456789abcdef01");

    static final Map<String, ObjectId> REFS = Map.of(
            "HEAD", MAIN,
            "refs/heads/main", MAIN,
            "refs/heads/develop", DEVELOP,
            "refs/heads/v1.0.0", BRANCH_NAMED_LIKE_TAG,
            "refs/tags/v1.0.0", V1,
            "refs/tags/1.1.0", V1_1,
            "refs/tags/v2.0.0-rc.1", V2_RC,
            "refs/tags/latest", MAIN);

    final Revisions revisions = new Revisions(RepositoryUrl.parse("https://git.example/apps.git"));

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = ';', textBlock = """
            ''                       ; 1 ; the default branch (HEAD)
            HEAD                     ; 1 ; the default branch (HEAD)
            main                     ; 1 ; branch main
            ' develop '              ; 2 ; branch develop
            refs/heads/develop       ; 2 ; refs/heads/develop
            v1.0.0                   ; 6 ; branch v1.0.0
            refs/tags/v1.0.0         ; 3 ; refs/tags/v1.0.0
            1.1.0                    ; 4 ; tag 1.1.0
            latest                   ; 1 ; tag latest
            ~1.0                     ; 3 ; tag v1.0.0 (highest in ~1.0)
            *                        ; 4 ; tag 1.1.0 (highest in *)
            >=2.0.0-0                ; 5 ; tag v2.0.0-rc.1 (highest in >=2.0.0-0)
            abcdef01                 ; L ; commit abcdef01
            ABCDEF0123456789ABCDEF0123456789ABCDEF01 ; L ; commit abcdef0123456789abcdef0123456789abcdef01
            """)
    void resolves_a_revision_by_ref_then_sha_then_version_range(String revision, String expected, String description) {
        Revisions.Target target = revisions.resolve(revision, REFS, prefix -> prefix.prefixCompare(LOOSE) == 0 ? List.of(LOOSE) : List.of());

        assertThat(target.id()).isEqualTo(expected.equals("L") ? LOOSE : id(expected));
        assertThat(target.description()).isEqualTo(description);
    }

    @Test
    void prefers_the_tag_without_a_v_when_two_tags_name_one_version() {
        Map<String, ObjectId> refs = Map.of("refs/tags/v1.0.0", V1, "refs/tags/1.0.0", V1_1);

        assertThat(revisions.resolve("^1", refs, prefix -> List.of()).id()).isEqualTo(V1_1);
    }

    @Test
    void refuses_an_ambiguous_abbreviated_sha() {
        assertThatThrownBy(() -> revisions.resolve("abcd", REFS, prefix -> List.of(LOOSE, ObjectId.fromString("abcd000000000000000000000000000000000000"))))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND))
                .hasMessage("the abbreviated SHA 'abcd' is ambiguous: 2 objects start with it; give more digits in https://git.example/apps.git");
    }

    @Test
    void refuses_a_range_no_tag_is_in() {
        assertThatThrownBy(() -> revisions.resolve("^3", REFS, prefix -> List.of()))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND))
                .hasMessage("no tag is a version in the range '^3' in https://git.example/apps.git");
    }

    @Test
    void refuses_a_name_that_is_nothing() {
        assertThatThrownBy(() -> revisions.resolve("feature/x", REFS, prefix -> List.of()))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND))
                .hasMessage("no branch, tag or commit is named 'feature/x' in https://git.example/apps.git");
    }

    @Test
    void refuses_head_of_an_empty_repository() {
        assertThatThrownBy(() -> revisions.resolve("", Map.of(), prefix -> List.of()))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REVISION_NOT_FOUND))
                .hasMessageContaining("no default branch");
    }

    private static ObjectId id(String digit) {
        return ObjectId.fromString(digit.repeat(40));
    }
}
