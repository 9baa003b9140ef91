package dev.capstan.git;

import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import dev.capstan.git.GitException.Reason;
import dev.capstan.git.Revisions.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bare repository per remote repository, kept on disk under a cache directory and reused:
 * created and fetched on first use, afterwards fetched only when the remote's branches or tags
 * moved, so resolving a revision of an unchanged repository costs one round trip (listing the
 * refs) and a full SHA already known costs none. Each repository's directory is named by a hash
 * of its normalised URL, so it holds no credential. Writes to one repository (creating, fetching)
 * are serialised by a {@link RepositoryLock}, across threads and across processes sharing the
 * directory; reads go on alongside them.
 *
 * <p>Thread-safe. {@link #close()} closes the repositories; trees handed out are unusable after it.
 */
public final class RepositoryCache implements GitSources, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCache.class);
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");

    private final Path directory;
    private final RepositoryCacheOptions options;
    private volatile GitRequestObserver observer = GitRequestObserver.NONE;
    private final ConcurrentMap<String, Repository> open = new ConcurrentHashMap<>();
    /**
     * Per cached repository, the branches and tags it held when this process last found them
     * equal to the remote's: while the remote advertises the same, a lookup needs neither the lock
     * nor a read of the local refs.
     */
    private final ConcurrentMap<String, Map<String, ObjectId>> inSync = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RepositoryCache(Path directory) {
        this(directory, RepositoryCacheOptions.defaults());
    }

    /**
     * @throws GitException {@code OTHER} if {@code directory} cannot be created
     */
    public RepositoryCache(Path directory, RepositoryCacheOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        try {
            this.directory = Files.createDirectories(directory).toAbsolutePath();
        } catch (IOException e) {
            throw new GitException(Reason.OTHER, "cannot create the Git cache directory " + directory + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Who hears of each request to a remote (for metrics); one at a time, the last one set. */
    public void observe(GitRequestObserver newObserver) {
        observer = Objects.requireNonNull(newObserver, "observer");
    }

    @Override
    public Commit resolve(String url, String revision, RepositoryCredentials credentials) {
        Request request = request(url, credentials);
        Repository repository = repository(request.url());
        String wanted = revision == null ? "" : revision.strip();
        if (FULL_SHA.matcher(wanted).matches()) {
            Optional<Commit> known = knownCommit(repository, ObjectId.fromString(wanted));
            if (known.isPresent()) {
                return known.get();
            }
        }
        try (Remote remote = remote(request)) {
            Map<String, Ref> advertised = remote.advertisedRefs();
            Map<String, ObjectId> local = synchronise(repository, request.url(), remote, advertised);
            Target target = new Revisions(request.url()).resolve(wanted, withHead(local, advertised), prefix -> objects(repository, prefix));
            try {
                return peel(repository, target, request.url());
            } catch (GitException e) {
                inSync.remove(request.url().cacheDirectoryName()); // the cache may have lost objects: read it again next time
                throw e;
            }
        }
    }

    @Override
    public SourceTree tree(String url, Commit commit, String path, RepositoryCredentials credentials) {
        Request request = request(url, credentials);
        Repository repository = repository(request.url());
        ObjectId id = ObjectId.fromString(commit.sha());
        if (knownCommit(repository, id).isEmpty()) {
            try (Remote remote = remote(request); RepositoryLock _ = lock(request.url())) {
                if (knownCommit(repository, id).isEmpty()) {
                    remote.fetchInto(repository);
                }
            }
        }
        RevCommit revCommit = parseCommit(repository, id)
                .orElseThrow(() -> new GitException(Reason.REVISION_NOT_FOUND, "commit " + commit.sha() + " is not in " + request.url()));
        GitSourceTree tree = new GitSourceTree(repository, commit, revCommit.getTree().getId());
        Optional<Entry> at = tree.resolve(path);
        if (at.isEmpty() || !at.get().isDirectory()) {
            throw new GitException(Reason.PATH_NOT_FOUND, "path '" + path + "' is " + (at.isEmpty() ? "not in" : "a file, not a directory, in")
                    + " commit " + commit.shortSha() + " of " + request.url());
        }
        return tree;
    }

    /** Where the repository for {@code url} is kept; for tests and operators. */
    Path directoryOf(String url) {
        return directory.resolve(RepositoryUrl.parse(url).cacheDirectoryName());
    }

    @Override
    public void close() {
        closed = true;
        open.values().forEach(Repository::close);
        open.clear();
    }

    private record Request(RepositoryUrl url, RepositoryCredentials credentials, Redaction redaction) {
    }

    private Request request(String url, RepositoryCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (closed) {
            throw new IllegalStateException("the repository cache is closed");
        }
        RepositoryUrl parsed = RepositoryUrl.parse(url);
        RepositoryCredentials effective = credentials instanceof RepositoryCredentials.Anonymous
                ? parsed.embeddedCredentials().orElse(credentials)
                : credentials;
        return new Request(parsed, effective, Redaction.of(url, effective));
    }

    private Remote remote(Request request) {
        return new Remote(request.url(), request.credentials(), request.redaction(), options.timeout(), directory.resolve(".no-home"),
                observer);
    }

    private RepositoryLock lock(RepositoryUrl url) {
        return RepositoryLock.acquire(directory.resolve(url.cacheDirectoryName() + ".lock"), options.lockTimeout(), url.toString());
    }

    /** The open repository for {@code url}, created (empty) on first use. */
    private Repository repository(RepositoryUrl url) {
        String name = url.cacheDirectoryName();
        Repository cached = open.get(name);
        if (cached != null) {
            return cached;
        }
        try (RepositoryLock _ = lock(url)) {
            cached = open.get(name);
            if (cached != null) {
                return cached;
            }
            Repository repository = openOrCreate(directory.resolve(name), url);
            open.put(name, repository);
            return repository;
        } catch (IOException e) {
            throw new GitException(Reason.OTHER, "cannot open the cache of " + url + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Creates a repository beside its place and moves it in, so a crash never leaves half of one where a whole one belongs. */
    private static Repository openOrCreate(Path gitDir, RepositoryUrl url) throws IOException {
        if (!org.eclipse.jgit.lib.RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), FS.DETECTED)) {
            deleteRecursively(gitDir);
            Path staging = Files.createTempDirectory(gitDir.getParent(), gitDir.getFileName() + ".new-");
            try (Repository fresh = new FileRepositoryBuilder().setGitDir(staging.toFile()).setBare().build()) {
                fresh.create(true);
                StoredConfig config = fresh.getConfig();
                config.setString("remote", "origin", "url", url.toString());
                config.setStringList("remote", "origin", "fetch", Remote.MIRROR.stream().map(Object::toString).toList());
                config.setBoolean("gc", null, "autoDetach", false);
                config.save();
            }
            Files.move(staging, gitDir, StandardCopyOption.ATOMIC_MOVE);
        }
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().setMustExist(true).build();
    }

    /**
     * Fetches, under the lock, unless the local branches and tags already are those advertised;
     * returns the local branches and tags after it.
     */
    private Map<String, ObjectId> synchronise(Repository repository, RepositoryUrl url, Remote remote, Map<String, Ref> advertised) {
        Map<String, ObjectId> remoteRefs = new HashMap<>();
        advertised.forEach((name, ref) -> {
            if (isBranchOrTag(name) && ref.getObjectId() != null) {
                remoteRefs.put(name, ref.getObjectId());
            }
        });
        String name = url.cacheDirectoryName();
        Map<String, ObjectId> known = inSync.get(name);
        if (remoteRefs.equals(known)) {
            return known;
        }
        try (RepositoryLock _ = lock(url)) {
            Map<String, ObjectId> local = branchesAndTags(repository);
            if (!local.equals(remoteRefs)) {
                remote.fetchInto(repository);
                LOG.debug("Fetched {}", url);
                collectGarbageIfDue(repository, url);
                local = branchesAndTags(repository);
            }
            if (local.equals(remoteRefs)) {
                inSync.put(name, Map.copyOf(local));
            } else {
                inSync.remove(name); // the remote moved again while it was fetched
            }
            return local;
        }
    }

    /** The branches and tags, with {@code HEAD} as the branch the remote says it points at (or its object if it does not say). */
    private static Map<String, ObjectId> withHead(Map<String, ObjectId> branchesAndTags, Map<String, Ref> advertised) {
        Ref head = advertised.get("HEAD");
        if (head == null) {
            return branchesAndTags;
        }
        Map<String, ObjectId> refs = new HashMap<>(branchesAndTags);
        ObjectId id = head.isSymbolic() ? refs.get(head.getTarget().getName()) : head.getObjectId();
        if (id == null) {
            id = head.getObjectId();
        }
        if (id != null) {
            refs.put("HEAD", id);
        }
        return refs;
    }

    private static Map<String, ObjectId> branchesAndTags(Repository repository) {
        try {
            Map<String, ObjectId> refs = new HashMap<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/heads/", "refs/tags/")) {
                if (ref.getObjectId() != null) {
                    refs.put(ref.getName(), ref.getObjectId());
                }
            }
            return refs;
        } catch (IOException e) {
            throw new GitException(Reason.OTHER, "cannot read the cached refs: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isBranchOrTag(String name) {
        return name.startsWith("refs/heads/") || name.startsWith("refs/tags/");
    }

    private static Collection<ObjectId> objects(Repository repository, AbbreviatedObjectId prefix) {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.resolve(prefix);
        } catch (IOException e) {
            throw new GitException(Reason.OTHER, "cannot read the cached objects: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Commit peel(Repository repository, Target target, RepositoryUrl url) {
        try (RevWalk walk = new RevWalk(repository)) {
            return new Commit(walk.parseCommit(target.id()).name());
        } catch (IncorrectObjectTypeException e) {
            throw new GitException(Reason.REVISION_NOT_FOUND, target.description() + " is not a commit in " + url);
        } catch (MissingObjectException e) {
            throw new GitException(Reason.REVISION_NOT_FOUND, target.description() + " (" + target.id().name() + ") is not in the cache of " + url);
        } catch (IOException e) {
            throw new GitException(Reason.OTHER, "cannot read " + target.description() + " of " + url + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static Optional<Commit> knownCommit(Repository repository, ObjectId id) {
        return parseCommit(repository, id).map(commit -> new Commit(commit.name()));
    }

    private static Optional<RevCommit> parseCommit(Repository repository, ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            return Optional.of(walk.parseCommit(id));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new GitException(Reason.OTHER, "cannot read commit " + id.name() + " from the cache: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Packs loose objects and merges packs once Git's own thresholds say so; a failure only costs disk space, so it is logged. */
    private static void collectGarbageIfDue(Repository repository, RepositoryUrl url) {
        try {
            repository.autoGC(NullProgressMonitor.INSTANCE);
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping of the cache of {} failed: {}", url, e.getClass().getSimpleName());
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
