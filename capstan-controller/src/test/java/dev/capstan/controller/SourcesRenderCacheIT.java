package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.git.RepositoryCache;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.git.serve.HostedRepository;
import dev.capstan.testkit.ManifestTexts;

/**
 * The render cache against a real Git server: a render is reused at another commit exactly when
 * what it read (its directory, and anything it read elsewhere) is unchanged there.
 */
class SourcesRenderCacheIT {

    @TempDir
    Path temporary;

    private GitHttpServer server;
    private RepositoryCache cache;
    private HostedRepository repository;
    private Sources sources;

    @BeforeEach
    void a_repository_with_two_applications_and_a_shared_file() {
        server = GitHttpServer.start(temporary.resolve("served"));
        repository = server.create("apps");
        cache = new RepositoryCache(temporary.resolve("cache"));
        sources = new Sources(cache, Credentials.NONE, new Renderers(ControllerOptions.Rendering.besides(temporary.resolve("git"))), () -> "1.36.3");
    }

    @AfterEach
    void stop() throws Exception {
        cache.close();
        server.close();
    }

    @Test
    void a_commit_that_changes_one_application_renders_only_that_one_again() {
        String first = commit(Map.of("one/config.yaml", ManifestTexts.configMap("one", "k", "1"),
                "two/config.yaml", ManifestTexts.configMap("two", "k", "1")), Map.of());
        RenderResult one = render("one", first);
        RenderResult two = render("two", first);

        String second = commit(Map.of("one/config.yaml", ManifestTexts.configMap("one", "k", "2"),
                "two/config.yaml", ManifestTexts.configMap("two", "k", "1")), Map.of());

        assertThat(render("two", second)).as("unchanged: the same render").isSameAs(two);
        RenderResult changed = render("one", second);
        assertThat(changed).isNotSameAs(one);
        assertThat(changed.manifests().getFirst().string("/data/k")).isEqualTo("2");
    }

    @Test
    void a_file_read_through_a_link_outside_the_directory_counts_as_read() {
        String first = commit(Map.of("shared/config.yaml", ManifestTexts.configMap("shared", "k", "1"),
                "other/readme.txt", "one"), Map.of("linked/config.yaml", "../shared/config.yaml"));
        RenderResult before = render("linked", first);

        String unrelated = commit(Map.of("shared/config.yaml", ManifestTexts.configMap("shared", "k", "1"),
                "other/readme.txt", "two"), Map.of("linked/config.yaml", "../shared/config.yaml"));
        assertThat(render("linked", unrelated)).isSameAs(before);

        String second = commit(Map.of("shared/config.yaml", ManifestTexts.configMap("shared", "k", "2"),
                "other/readme.txt", "two"), Map.of("linked/config.yaml", "../shared/config.yaml"));
        assertThat(render("linked", second).manifests().getFirst().string("/data/k")).isEqualTo("2");
    }

    private String commit(Map<String, String> files, Map<String, String> links) {
        var bytes = new LinkedHashMap<String, byte[]>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return repository.replaceTree("main", bytes, links, "change");
    }

    private RenderResult render(String path, String commit) {
        var source = new ApplicationSource();
        source.setRepoURL(server.url("apps"));
        source.setTargetRevision(commit);
        source.setPath(path);
        assertThat(sources.resolve(source, "main")).isEqualTo(commit);
        return sources.render(source, commit, Sources.RenderContext.of("app", "default"));
    }
}
