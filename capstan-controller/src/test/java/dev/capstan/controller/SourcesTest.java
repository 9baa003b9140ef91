package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.Commit;
import dev.capstan.git.GitSources;
import dev.capstan.git.RepositoryCredentials;

class SourcesTest {

    private final List<String> lookups = new ArrayList<>();
    private final GitSources git = new GitSources() {
        @Override
        public Commit resolve(String url, String revision, RepositoryCredentials credentials) {
            lookups.add(url + "@" + revision);
            return new Commit("a".repeat(39) + lookups.size());
        }

        @Override
        public SourceTree tree(String url, Commit commit, String path, RepositoryCredentials credentials) {
            throw new UnsupportedOperationException();
        }
    };
    private final Sources sources = new Sources(git, Credentials.NONE, null, () -> "");

    @Test
    void applications_following_one_revision_share_a_lookup_while_it_is_fresh_enough() {
        Instant start = Instant.now();
        String first = sources.resolve(source("https://git.example.com/a.git"), "main", start.minusSeconds(60));
        String again = sources.resolve(source("https://git.example.com/a.git"), "main", start.minusSeconds(60));
        sources.resolve(source("https://git.example.com/a.git"), "release", start.minusSeconds(60));

        assertThat(again).isEqualTo(first);
        assertThat(lookups).containsExactly("https://git.example.com/a.git@main", "https://git.example.com/a.git@release");
    }

    @Test
    void a_refresh_asks_for_a_lookup_made_after_it() {
        sources.resolve(source("https://git.example.com/a.git"), "main", Instant.now().minusSeconds(60));
        Instant refreshedAt = Instant.now().plusMillis(1);

        sources.resolve(source("https://git.example.com/a.git"), "main", refreshedAt);

        assertThat(lookups).hasSize(2);
    }

    private static ApplicationSource source(String url) {
        var source = new ApplicationSource();
        source.setRepoURL(url);
        return source;
    }
}
