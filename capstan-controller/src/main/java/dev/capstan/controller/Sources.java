package dev.capstan.controller;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.Commit;
import dev.capstan.git.GitSources;

/**
 * From an application's source to what it desires: which commit the target revision names now,
 * and the manifests at that commit. Renders are cached by repository, commit, path and options, up
 * to {@value #CACHED_OBJECTS} objects in all, the least recently used going first: applications that
 * deploy the same source to several places render it once, and an application whose placed
 * manifests were forgotten places them again without reading Git. A hard refresh forgets them. The
 * reconciler keeps each application's placed manifests itself, so this cache is not what holds the
 * desired state of every application.
 */
final class Sources {

    private static final int CACHED_OBJECTS = 5_000;

    private final GitSources git;
    private final Credentials credentials;
    private final DirectoryRenderer renderer = new DirectoryRenderer();
    private final LinkedHashMap<RenderKey, RenderResult> renders = new LinkedHashMap<>(64, 0.75f, true);
    private int cachedObjects;

    private final Map<ResolveKey, Resolved> resolved = new ConcurrentHashMap<>();

    private record ResolveKey(String repoURL, String revision) {
    }

    private record Resolved(Commit commit, Instant at) {
    }

    private record RenderKey(String repoURL, String commit, String path, DirectoryOptions options) {
    }

    Sources(GitSources git, Credentials credentials) {
        this.git = git;
        this.credentials = credentials;
    }

    /** The commit {@code revision} of {@code source}'s repository names now (one ref listing; no fetch unless it moved). */
    Commit resolve(ApplicationSource source, String revision) {
        Commit commit = git.resolve(source.getRepoURL(), revision, credentials.forRepository(source.getRepoURL()));
        resolved.put(new ResolveKey(source.getRepoURL(), revision), new Resolved(commit, Instant.now()));
        return commit;
    }

    /**
     * The commit {@code revision} names, as looked up at {@code notBefore} or later: applications
     * that follow the same repository and revision share one lookup per poll interval, and all
     * those a webhook refreshed share the one made after it.
     */
    Commit resolve(ApplicationSource source, String revision, Instant notBefore) {
        Resolved known = resolved.get(new ResolveKey(source.getRepoURL(), revision));
        if (known != null && !known.at().isBefore(notBefore)) {
            return known.commit();
        }
        return resolve(source, revision);
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
            RenderResult previous = renders.put(key, result);
            cachedObjects += result.manifests().size() - (previous == null ? 0 : previous.manifests().size());
            var eldest = renders.entrySet().iterator();
            while (cachedObjects > CACHED_OBJECTS && eldest.hasNext()) {
                cachedObjects -= eldest.next().getValue().manifests().size();
                eldest.remove();
            }
        }
        return result;
    }

    /** Forgets the renders of a repository: a hard refresh. */
    void forget(String repoURL) {
        synchronized (renders) {
            var entries = renders.entrySet().iterator();
            while (entries.hasNext()) {
                var entry = entries.next();
                if (entry.getKey().repoURL().equals(repoURL)) {
                    cachedObjects -= entry.getValue().manifests().size();
                    entries.remove();
                }
            }
        }
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
