package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.git.GitException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            https://github.com/org/repo.git                 ; https://github.com/org/repo.git       ; https://github.com/org/repo.git
            https://user:token@github.com/org/repo.git      ; https://github.com/org/repo.git       ; https://user@github.com/org/repo.git
            https://token@github.com/org/repo               ; https://github.com/org/repo           ; https://token@github.com/org/repo
            HTTPS://GitHub.com/org/repo                     ; https://GitHub.com/org/repo           ; https://GitHub.com/org/repo
            git@github.com:org/repo.git                     ; github.com:org/repo.git               ; git@github.com:org/repo.git
            ssh://git@gitlab.example:2222/group/repo.git    ; ssh://gitlab.example:2222/group/repo.git ; ssh://git@gitlab.example:2222/group/repo.git
            git://example.org/repo                          ; git://example.org/repo                ; git://example.org/repo
            """)
    void shows_a_url_without_user_information_and_connects_without_a_password(String url, String shown, String connects) {
        RepositoryUrl parsed = RepositoryUrl.parse(url);

        assertThat(parsed.toString()).isEqualTo(shown);
        assertThat(parsed.forConnection().toString()).isEqualTo(connects);
        assertThat(parsed.forConnection().getPass()).isNull();
    }

    @Test
    void offers_a_password_in_the_url_as_credentials() {
        assertThat(RepositoryUrl.parse("https://user:token@github.com/org/repo.git").embeddedCredentials())
                .contains(RepositoryCredentials.https("user", "token"));
        assertThat(RepositoryUrl.parse("https://github.com/org/repo.git").embeddedCredentials()).isEmpty();
    }

    @Test
    void names_the_cache_of_every_spelling_of_one_repository_alike() {
        String name = RepositoryUrl.parse("https://github.com/org/repo.git").cacheDirectoryName();

        assertThat(name).matches("[0-9a-f]{40}");
        for (String spelling : new String[] {"https://github.com/org/repo", "https://GITHUB.com/org/repo.git/", "HTTPS://user:pw@github.com/org/repo.git"}) {
            assertThat(RepositoryUrl.parse(spelling).cacheDirectoryName()).as(spelling).isEqualTo(name);
        }
        assertThat(RepositoryUrl.parse("https://github.com/org/other.git").cacheDirectoryName()).isNotEqualTo(name);
        assertThat(RepositoryUrl.parse("https://github.com/Org/repo.git").cacheDirectoryName()).as("paths are case-sensitive").isNotEqualTo(name);
    }

    @Test
    void knows_ssh_urls() {
        assertThat(RepositoryUrl.parse("git@github.com:org/repo.git").isSsh()).isTrue();
        assertThat(RepositoryUrl.parse("ssh://git@github.com/org/repo.git").isSsh()).isTrue();
        assertThat(RepositoryUrl.parse("https://github.com/org/repo.git").isSsh()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/srv/git/repo.git", "file:///srv/git/repo.git", "repo", "ftp://example.org/repo.git", " ", "https://"})
    void refuses_what_is_not_a_remote_repository(String url) {
        assertThatThrownBy(() -> RepositoryUrl.parse(url))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OTHER));
    }

    @Test
    void refuses_a_malformed_url_without_repeating_its_password() {
        assertThatThrownBy(() -> RepositoryUrl.parse("ftp://user:hunter2-secret@example.org/repo"))
                .isInstanceOf(GitException.class)
                .hasMessageNotContaining("hunter2-secret")
                .hasMessageContaining("ftp://example.org/repo");
    }
}
