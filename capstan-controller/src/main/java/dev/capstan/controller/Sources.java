package dev.capstan.controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.Commit;
import dev.capstan.git.GitSources;

/**
 * From an application's source to what it desires: which commit the target revision names now,
 * and the manifests at that commit. Renders are cached by repository, commit, path and options, so
 * a new commit that does not touch an application costs a hash lookup; a hard refresh forgets them.
 */
final class Sources {

    private static final int CACHED_RENDERS = 512;

    private final GitSources git;
    private final Credentials credentials;
    private final DirectoryRenderer renderer = new DirectoryRenderer();
    private final Map<RenderKey, RenderResult> renders = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RenderKey, RenderResult> eldest) {
            return size() > CACHED_RENDERS;
        }
    };

    private record RenderKey(String repoURL, String commit, String path, DirectoryOptions options) {
    }

    Sources(GitSources git, Credentials credentials) {
        this.git = git;
        this.credentials = credentials;
    }

    /** The commit {@code source}'s target revision names now (one ref listing; no fetch unless it moved). */
    Commit resolve(ApplicationSource source) {
        return git.resolve(source.getRepoURL(), Objects.requireNonNullElse(source.getTargetRevision(), "HEAD"),
                credentials.forRepository(source.getRepoURL()));
    }

    /** The commit a given revision names (a rollback's or a sync operation's revision). */
    Commit resolve(ApplicationSource source, String revision) {
        return git.resolve(source.getRepoURL(), revision, credentials.forRepository(source.getRepoURL()));
    }

    /** The manifests of {@code source} at {@code commit}, from the cache when rendered before. */
    RenderResult render(ApplicationSource source, Commit commit) {
        DirectoryOptions options = directoryOptions(source);
        String path = path(source);
        var key = new RenderKey(source.getRepoURL(), commit.sha(), path, options);
        synchronized (renders) {
            RenderResult cached = renders.get(key);
            if (cached != null) {
                return cached;
            }
        }
        SourceTree tree = git.tree(source.getRepoURL(), commit, path, credentials.forRepository(source.getRepoURL()));
        RenderResult result = renderer.render(tree, path, options);
        synchronized (renders) {
            renders.put(key, result);
        }
        return result;
    }

    /** Forgets the renders of a repository: a hard refresh. */
    void forget(String repoURL) {
        synchronized (renders) {
            renders.keySet().removeIf(key -> key.repoURL().equals(repoURL));
        }
    }

    static List<Manifest> manifests(RenderResult result) {
        return result.manifests();
    }

    private static String path(ApplicationSource source) {
        String path = source.getPath() == null ? "" : source.getPath().strip();
        path = path.startsWith("./") ? path.substring(2) : path;
        return path.equals(".") || path.equals("/") ? "" : path;
    }

    private static DirectoryOptions directoryOptions(ApplicationSource source) {
        var directory = source.getDirectory();
        DirectoryOptions options = DirectoryOptions.defaults();
        if (directory == null) {
            return options;
        }
        if (Boolean.TRUE.equals(directory.getRecurse())) {
            options = options.withRecurse(true);
        }
        if (directory.getInclude() != null && !directory.getInclude().isBlank()) {
            options = options.withInclude(directory.getInclude());
        }
        if (directory.getExclude() != null && !directory.getExclude().isBlank()) {
            options = options.withExclude(directory.getExclude());
        }
        return options;
    }
}
