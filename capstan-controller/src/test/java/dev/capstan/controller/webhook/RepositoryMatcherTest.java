package dev.capstan.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryMatcherTest {

    private static final String SHA = "4920a203891e046277fc417c52c521ce02c05a3c";

    private static PushEvent push(String url, String ref, String defaultBranch) {
        return new PushEvent(Provider.GENERIC, List.of(url), ref, Optional.of(SHA), Optional.ofNullable(defaultBranch), Optional.empty());
    }

    @ParameterizedTest(name = "[{index}] push of {1} to {0} -> app {3} @ {4}: {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # pushed repository                       | pushed ref            | default | app repoURL                               | app target             | matches
            # --- one repository, many spellings ---
            https://github.com/Org/Repo.git            | refs/heads/main       | main    | https://github.com/org/repo               | main                   | true
            git@github.com:org/repo.git                | refs/heads/main       | main    | https://github.com/Org/Repo.git           | main                   | true
            ssh://git@github.com:22/org/repo           | refs/heads/main       | main    | https://github.com/org/repo               | main                   | true
            https://github.com/org/repo/               | refs/heads/main       | main    | https://GitHub.com/org/repo.git           | main                   | true
            https://ci:token@github.com/org/repo       | refs/heads/main       | main    | https://github.com/org/repo               | main                   | true
            https://github.com:443/org/repo            | refs/heads/main       | main    | http://github.com/org/repo                | main                   | true
            https://gitlab.com/Group/Sub/Repo          | refs/heads/main       | main    | git@gitlab.com:group/sub/repo.git         | main                   | true
            https://bitbucket.org/Team/Repo            | refs/heads/main       | -       | git@bitbucket.org:team/repo.git           | main                   | true
            https://git.example.com/Ops/Repo.git       | refs/heads/main       | main    | git@git.example.com:Ops/Repo              | main                   | true
            ssh://git@git.example.com:7999/ops/repo.git | refs/heads/main      | -       | ssh://git@GIT.example.com:7999/ops/repo   | main                   | true
            # --- other repositories ---
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo2              | main                   | false
            https://github.com/org/repo                | refs/heads/main       | main    | https://gitlab.com/org/repo               | main                   | false
            https://gitlab.com/group/sub/repo          | refs/heads/main       | main    | https://gitlab.com/group/repo             | main                   | false
            https://git.example.com/Ops/Repo           | refs/heads/main       | main    | https://git.example.com/ops/repo          | main                   | false
            ssh://git@git.example.com:7999/ops/repo.git | refs/heads/main      | -       | ssh://git@git.example.com/ops/repo.git    | main                   | false
            https://github.com/org/repo                | refs/heads/main       | main    | /srv/git/org/repo                         | main                   | false
            https://github.com/org/repo                | refs/heads/main       | main    | file:///srv/git/org/repo                  | main                   | false
            # --- branches ---
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo               | refs/heads/main        | true
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo               | develop                | false
            https://github.com/org/repo                | refs/heads/release/1  | main    | https://github.com/org/repo               | release/1              | true
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo               | HEAD                   | true
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo               | ''                     | true
            https://github.com/org/repo                | refs/heads/feature    | main    | https://github.com/org/repo               | HEAD                   | false
            https://github.com/org/repo                | refs/heads/feature    | -       | https://github.com/org/repo               | HEAD                   | true
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo               | ^1.0                   | false
            https://github.com/org/repo                | refs/heads/main       | main    | https://github.com/org/repo               | 4920a203891e046277fc417c52c521ce02c05a3c | false
            # --- tags ---
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | HEAD                   | false
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | v1.2.0                 | true
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | refs/tags/v1.2.0       | true
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | ^1.0                   | true
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | >=1.0.0 <2.0.0         | true
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | 1.x                    | true
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | '~1.1 || ~1.2'         | true
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | 1.2.0                  | true
            https://github.com/org/repo                | refs/tags/v1.3.0      | main    | https://github.com/org/repo               | 1.2.0                  | false
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | main                   | false
            https://github.com/org/repo                | refs/tags/nightly     | main    | https://github.com/org/repo               | ^1.0                   | false
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo               | 4920a203891e046277fc417c52c521ce02c05a3c | false
            https://github.com/org/repo                | refs/tags/v1.2.0      | main    | https://github.com/org/repo2              | ^1.0                   | false
            """)
    void matches_pushes_to_applications(String pushedUrl, String ref, String defaultBranch, String repoURL, String target, boolean matches) {
        assertThat(RepositoryMatcher.defaults().matches(push(pushedUrl, ref, defaultBranch), repoURL, target)).isEqualTo(matches);
    }

    @Test
    void matches_any_url_the_payload_names() {
        var event = new PushEvent(Provider.BITBUCKET_SERVER,
                List.of("ssh://git@git.example.com:7999/ops/repo.git", "https://git.example.com/scm/ops/repo.git"),
                "refs/heads/main", Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(RepositoryMatcher.defaults().repositoryMatches(event, "https://git.example.com/scm/ops/repo")).isTrue();
        assertThat(RepositoryMatcher.defaults().repositoryMatches(event, "ssh://git@git.example.com:7999/ops/repo")).isTrue();
        assertThat(RepositoryMatcher.defaults().repositoryMatches(event, "https://git.example.com/ops/repo")).isFalse();
    }

    @Test
    void ignores_path_case_on_hosts_added_as_case_insensitive() {
        var event = push("https://github.acme.example/Platform/Deploy", "refs/heads/main", "main");

        assertThat(RepositoryMatcher.defaults().matches(event, "https://github.acme.example/platform/deploy", "main")).isFalse();
        assertThat(RepositoryMatcher.defaults().withCaseInsensitiveHosts(List.of("GitHub.acme.example"))
                .matches(event, "https://github.acme.example/platform/deploy", "main")).isTrue();
    }
}
