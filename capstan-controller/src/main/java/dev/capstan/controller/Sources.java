package dev.capstan.controller;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.RenderOptions;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.git.Commit;
import dev.capstan.git.GitSources;
import dev.capstan.git.RepositoryCredentials;
import dev.capstan.render.helm.ChartReference;
import dev.capstan.render.helm.HelmRenderer;

/**
 * From an application's source to what it desires: which revision the target revision names now
 * (a commit of a Git repository, or the version of a chart in a Helm repository), and the
 * manifests there, rendered by the source's tool ({@link SourceKind}). Renders are cached by
 * repository, content, path, tool, the tool's options and version, and the revisions of the
 * sources a Helm source reads {@code $ref} value files from. The content of a render from Git is
 * the Git object ids of what it read ({@link RecordingTree}: its directory, and whatever it read
 * elsewhere), so a commit that changes one application's files renders only that application
 * again; a chart from a Helm repository is keyed by its version. Up to {@value #CACHED_OBJECTS}
 * objects in all, the least recently used going first: applications that deploy the same source
 * to several places render it once, and an application whose placed manifests were forgotten
 * places them again without reading Git. A hard refresh forgets them. The reconciler keeps each
 * application's placed manifests itself, so this cache is not what holds the desired state of
 * every application.
 */
final class Sources {

    private static final int CACHED_OBJECTS = 5_000;

    private final GitSources git;
    private final Credentials credentials;
    private final Renderers renderers;
    private final Supplier<String> kubeVersion;
    private final LinkedHashMap<RenderKey, RenderResult> renders = new LinkedHashMap<>(64, 0.75f, true);
    private int cachedObjects;
    /** What the last render of each source (its key without a revision) read, to check at another commit. */
    private final Map<RenderKey, List<String>> readBy = new ConcurrentHashMap<>();

    private final Map<ResolveKey, Resolved> resolved = new ConcurrentHashMap<>();

    private record ResolveKey(String repoURL, String revision) {
    }

    /** A lookup's answer and when the lookup started (what it saw is at least as new as that). */
    private record Resolved(String revision, Instant at) {
    }

    /** A lookup under way, for those who need the same one meanwhile. */
    private record Lookup(Instant started, CompletableFuture<String> answer) {
    }

    private final Map<ResolveKey, Lookup> underWay = new ConcurrentHashMap<>();

    private record RenderKey(String repoURL, String revision, String path, SourceKind kind, RenderOptions options, String toolVersion,
                             Map<String, Reference> references) {

        RenderKey at(String revision) {
            return new RenderKey(repoURL, revision, path, kind, options, toolVersion, references);
        }
    }

    /**
     * What a render needs beyond the source: the application's name (a Helm release's default
     * name), its destination namespace (the release's namespace), and the sources its Helm value
     * files may name as {@code $ref}, by ref.
     */
    record RenderContext(String application, String namespace, Map<String, Reference> references) {

        RenderContext {
            references = Map.copyOf(new TreeMap<>(references));
        }

        static RenderContext of(String application, String namespace) {
            return new RenderContext(application, namespace, Map.of());
        }
    }

    /** A source another names by its {@code ref}: its repository at a resolved commit. */
    record Reference(String repoURL, String commit) {
    }

    /**
     * @param kubeVersion the destination cluster's version ({@code v1.36.3}), asked for when a Helm chart is first rendered
     */
    Sources(GitSources git, Credentials credentials, Renderers renderers, Supplier<String> kubeVersion) {
        this.git = git;
        this.credentials = credentials;
        this.renderers = renderers;
        this.kubeVersion = kubeVersion;
    }

    /** Whether {@code source} is a chart in a Helm repository rather than a path in Git. */
    static boolean isChart(ApplicationSource source) {
        return source.getChart() != null && !source.getChart().isBlank();
    }

    /**
     * The revision {@code revision} of {@code source} names now: the full SHA of a Git commit (one
     * ref listing; no fetch unless it moved), or for a chart the exact version: the one asked
     * for, or the highest its range (empty and {@code *} too) admits among those the repository
     * or registry has now.
     */
    String resolve(ApplicationSource source, String revision) {
        return resolve(source, revision, Instant.now());
    }

    /**
     * The revision {@code revision} names, as looked up at {@code notBefore} or later: applications
     * that follow the same repository (or chart) and revision share one lookup per poll interval,
     * and all those a webhook refreshed share the one made after it. Those who ask while a lookup
     * that started late enough is under way wait for its answer (polls that fall due together,
     * a webhook's applications) rather than make their own.
     */
    String resolve(ApplicationSource source, String revision, Instant notBefore) {
        ResolveKey key = resolveKey(source, revision);
        while (true) {
            Resolved known = resolved.get(key);
            if (known != null && !known.at().isBefore(notBefore)) {
                return known.revision();
            }
            var mine = new Lookup(Instant.now(), new CompletableFuture<>());
            Lookup running = underWay.putIfAbsent(key, mine);
            if (running == null) {
                return lookUp(source, revision, key, mine);
            }
            try {
                String answer = running.answer().join();
                if (!running.started().isBefore(notBefore)) {
                    return answer;
                }
            } catch (CompletionException e) {
                if (!running.started().isBefore(notBefore)) {
                    throw e.getCause() instanceof RuntimeException failure ? failure : e;
                }
            }
            // it started before the time asked for, so it may not have seen what is wanted: look again
        }
    }

    private String lookUp(ApplicationSource source, String revision, ResolveKey key, Lookup mine) {
        try {
            String now = isChart(source) ? renderers.charts().resolve(chartReference(source, revision))
                    : git.resolve(source.getRepoURL(), revision, credentials.forRepository(source.getRepoURL())).sha();
            resolved.put(key, new Resolved(now, mine.started()));
            mine.answer().complete(now);
            return now;
        } catch (RuntimeException | Error e) {
            mine.answer().completeExceptionally(e);
            throw e;
        } finally {
            underWay.remove(key, mine);
        }
    }

    private static ResolveKey resolveKey(ApplicationSource source, String revision) {
        return new ResolveKey(isChart(source) ? source.getRepoURL() + "#chart=" + source.getChart().strip() : source.getRepoURL(),
                revision);
    }

    /** The manifests of {@code source} at {@code revision} (as {@link #resolve} gave it), from the cache when rendered before. */
    RenderResult render(ApplicationSource source, String revision, RenderContext context) {
        String path = path(source);
        if (isChart(source)) {
            HelmOptions options = ToolOptions.helm(source, context.application(), context.namespace(), kubeVersion.get());
            var key = new RenderKey(source.getRepoURL(), revision, source.getChart(), SourceKind.HELM_REPOSITORY, options,
                    renderers.toolVersion(SourceKind.HELM_REPOSITORY), context.references());
            return cached(key, () -> helm().render(chartReference(source, revision), options, referenceTrees(context)));
        }
        Commit commit = new Commit(revision);
        SourceTree tree = git.tree(source.getRepoURL(), commit, path, credentials.forRepository(source.getRepoURL()));
        SourceKind kind = SourceKind.of(source, tree, path);
        RenderOptions options = switch (kind) {
            case DIRECTORY -> ToolOptions.directory(source);
            case KUSTOMIZE -> ToolOptions.kustomize(source, renderers.allowRemoteBases());
            case HELM, HELM_REPOSITORY -> ToolOptions.helm(source, context.application(), context.namespace(), kubeVersion.get());
        };
        var anyRevision = new RenderKey(source.getRepoURL(), null, path, kind, options, renderers.toolVersion(kind),
                kind == SourceKind.HELM ? context.references() : Map.of());
        if (tree.version(path).isEmpty()) {
            return cached(anyRevision.at("commit " + revision), () -> render(tree, path, options, context));
        }
        List<String> read = readBy.get(anyRevision);
        if (read != null) {
            RenderResult known;
            synchronized (renders) {
                known = renders.get(anyRevision.at(content(tree, read)));
            }
            if (known != null) {
                return known;
            }
        }
        var recording = new RecordingTree(tree, path);
        RenderResult result = render(recording, path, options, context);
        readBy.put(anyRevision, recording.read());
        return cached(anyRevision.at(content(tree, recording.read())), () -> result);
    }

    private RenderResult render(SourceTree tree, String path, RenderOptions options, RenderContext context) {
        return switch (options) {
            case DirectoryOptions directory -> renderers.directory().render(tree, path, directory);
            case KustomizeOptions kustomize -> renderers.kustomize(path).render(tree, path, kustomize);
            case HelmOptions helm -> helm().render(tree, path, helm, referenceTrees(context));
        };
    }

    /** The versions (Git object ids) of {@code paths} in {@code tree}, as one string. */
    private static String content(SourceTree tree, List<String> paths) {
        var content = new StringBuilder("content");
        for (String path : paths) {
            content.append(' ').append(path).append('=').append(tree.version(path).orElse("-"));
        }
        return content.toString();
    }

    private RenderResult cached(RenderKey key, Supplier<RenderResult> render) {
        synchronized (renders) {
            RenderResult cached = renders.get(key);
            if (cached != null) {
                return cached;
            }
        }
        RenderResult rendered = render.get();
        var result = new RenderResult(rendered.manifests().stream().map(Manifest::compacted).toList(), rendered.warnings());
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
        readBy.keySet().removeIf(key -> key.repoURL().equals(repoURL));
    }

    private Map<String, SourceTree> referenceTrees(RenderContext context) {
        var trees = new LinkedHashMap<String, SourceTree>();
        context.references().forEach((name, reference) -> trees.put(name,
                git.tree(reference.repoURL(), new Commit(reference.commit()), "", credentials.forRepository(reference.repoURL()))));
        return trees;
    }

    /** The chart a source names, with the user name and password of the repository Secret for its URL, if any. */
    private ChartReference chartReference(ApplicationSource source, String version) {
        return ChartReference.of(source.getRepoURL(), source.getChart().strip(), version).withCredentials(chartCredentials(source.getRepoURL()));
    }

    /** The Helm renderer, reading the repositories of charts' dependencies with their repository Secrets. */
    private HelmRenderer helm() {
        return renderers.helm().withDependencyCredentials(this::chartCredentials);
    }

    private ChartReference.Credentials chartCredentials(String url) {
        return credentials.forRepository(url) instanceof RepositoryCredentials.UsernamePassword login
                ? new ChartReference.Credentials(login.username(), login.password())
                : ChartReference.Credentials.NONE;
    }

    static String path(ApplicationSource source) {
        String path = source.getPath() == null ? "" : source.getPath().strip();
        path = path.startsWith("./") ? path.substring(2) : path;
        return path.equals(".") || path.equals("/") ? "" : path;
    }
}
