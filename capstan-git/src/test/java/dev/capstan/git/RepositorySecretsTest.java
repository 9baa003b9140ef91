package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.git.GitException.Reason;
import dev.capstan.git.RepositorySecrets.Entry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositorySecretsTest {

    private static Entry repository(String name, String url, String username, String password) {
        return new Entry(name, RepositorySecrets.REPOSITORY, Map.of("url", url, "type", "git", "username", username, "password", password));
    }

    private static Entry template(String name, String url, String username, String password) {
        return new Entry(name, RepositorySecrets.CREDENTIAL_TEMPLATE, Map.of("url", url, "username", username, "password", password));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://github.com/org/app.git", "https://github.com/org/app", "HTTPS://GitHub.com/org/app/",
        "https://someone@github.com/org/app.git"})
    void a_repository_secret_serves_every_spelling_of_its_url(String url) {
        var secrets = List.of(repository("repo-app", "https://github.com/org/app.git", "alice", "s3cret"));

        assertThat(RepositorySecrets.credentialsFor(secrets, url)).isEqualTo(RepositoryCredentials.https("alice", "s3cret"));
    }

    @Test
    void a_repository_secret_does_not_serve_another_repository() {
        var secrets = List.of(repository("repo-app", "https://github.com/org/app.git", "alice", "s3cret"));

        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/org/app-two.git")).isEqualTo(RepositoryCredentials.none());
        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/Org/app.git"))
                .as("paths are case-sensitive").isEqualTo(RepositoryCredentials.none());
    }

    @Test
    void the_longest_template_below_which_the_url_lies_wins() {
        var secrets = List.of(
                template("creds-host", "https://github.com", "host", "h"),
                template("creds-org", "https://github.com/org/", "org", "o"),
                template("creds-team", "https://github.com/org/team", "team", "t"));

        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/org/team/app.git"))
                .isEqualTo(RepositoryCredentials.https("team", "t"));
        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/org/app.git"))
                .isEqualTo(RepositoryCredentials.https("org", "o"));
        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/other/app.git"))
                .isEqualTo(RepositoryCredentials.https("host", "h"));
        assertThat(RepositorySecrets.credentialsFor(secrets, "https://gitlab.com/org/app.git")).isEqualTo(RepositoryCredentials.none());
    }

    @Test
    void a_template_matches_whole_path_segments_only() {
        var secrets = List.of(template("creds-org", "https://github.com/org", "org", "o"));

        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/organisation/app.git"))
                .as("credentials of one organisation are not sent to another whose name starts alike")
                .isEqualTo(RepositoryCredentials.none());
    }

    @Test
    void a_repository_secret_wins_over_templates_unless_it_has_no_credentials() {
        var withCredentials = List.of(
                template("creds-org", "https://github.com/org", "org", "o"),
                repository("repo-app", "https://github.com/org/app", "alice", "a"));
        var without = List.of(
                template("creds-org", "https://github.com/org", "org", "o"),
                new Entry("repo-app", RepositorySecrets.REPOSITORY, Map.of("url", "https://github.com/org/app", "type", "git")));

        assertThat(RepositorySecrets.credentialsFor(withCredentials, "https://github.com/org/app"))
                .isEqualTo(RepositoryCredentials.https("alice", "a"));
        assertThat(RepositorySecrets.credentialsFor(without, "https://github.com/org/app"))
                .isEqualTo(RepositoryCredentials.https("org", "o"));
    }

    @Test
    void an_ssh_key_wins_over_a_password_and_brings_its_known_hosts() {
        var secrets = List.of(new Entry("repo-ssh", RepositorySecrets.REPOSITORY, Map.of(
                "url", "git@github.com:org/app.git", "sshPrivateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\n...",
                "sshKnownHosts", "github.com ssh-ed25519 AAAA", "password", "ignored")));

        assertThat(RepositorySecrets.credentialsFor(secrets, "ssh://git@github.com/org/app"))
                .isEqualTo(RepositoryCredentials.sshKey("-----BEGIN OPENSSH PRIVATE KEY-----\n...", "github.com ssh-ed25519 AAAA"));
    }

    @Test
    void a_token_without_a_user_name_is_sent_with_a_placeholder_user() {
        var secrets = List.of(new Entry("repo-app", RepositorySecrets.REPOSITORY, Map.of("url", "https://github.com/org/app", "password", "ghp_x")));

        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/org/app"))
                .isEqualTo(RepositoryCredentials.https(RepositorySecrets.TOKEN_USERNAME, "ghp_x"));
    }

    @Test
    void secrets_of_other_types_or_with_invalid_urls_are_passed_over() {
        var secrets = List.of(
                new Entry("cluster", "cluster", Map.of("url", "https://github.com/org/app", "password", "p")),
                repository("broken", "/srv/git/app", "u", "p"),
                template("broken-template", "not a url", "u", "p"));

        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/org/app")).isEqualTo(RepositoryCredentials.none());
    }

    @Test
    void two_secrets_for_one_repository_are_chosen_between_by_name() {
        var secrets = List.of(
                repository("repo-b", "https://github.com/org/app", "bob", "b"),
                repository("repo-a", "https://github.com/org/app.git", "alice", "a"));

        assertThat(RepositorySecrets.credentialsFor(secrets, "https://github.com/org/app")).isEqualTo(RepositoryCredentials.https("alice", "a"));
    }

    @Test
    void normalises_spellings_of_one_repository_alike() {
        assertThat(RepositorySecrets.normalise("HTTPS://user@GitHub.com/org/app.git/")).isEqualTo("https://github.com/org/app");
        assertThat(RepositorySecrets.normalise("git@github.com:org/app.git")).isEqualTo(RepositorySecrets.normalise("ssh://git@github.com/org/app"));
    }

    @Test
    void refuses_a_url_that_is_not_a_remote_repository() {
        assertThatThrownBy(() -> RepositorySecrets.credentialsFor(List.of(), "/srv/git/app"))
                .isInstanceOf(GitException.class)
                .extracting(e -> ((GitException) e).reason()).isEqualTo(Reason.OTHER);
    }
}
