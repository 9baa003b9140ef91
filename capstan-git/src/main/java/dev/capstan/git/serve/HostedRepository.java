package dev.capstan.git.serve;

import dev.capstan.git.serve.GitHttpServer.Push;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.DeleteTree;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare Git repository that {@code capstan demo} or a test writes to directly, as if someone
 * had pushed: commits of changed files, of whole trees or of a directory on disk, branches and
 * tags. Each write moves its ref in one atomic update that expects the ref's old value, so it is
 * safe from several threads and beside pushes over HTTP; when a push gets in between, a commit
 * is made again on top of it. A {@link GitHttpServer} serving the repository reports every ref
 * it moves to its {@link GitHttpServer#onPush push listeners}.
 *
 * <p>For demos and tests only; commits are by "Capstan &lt;capstan@localhost&gt;" at the current time.
 */
public final class HostedRepository implements AutoCloseable {

    private static final String DEFAULT_BRANCH = "main";
    private static final int COMMIT_ATTEMPTS = 10;

    private final String name;
    private final Repository repository;
    private final Consumer<Push> moved;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HostedRepository(String name, Repository repository, Consumer<Push> moved) {
        this.name = name;
        this.repository = repository;
        this.moved = moved;
    }

    /**
     * A new, empty bare repository in {@code directory}, served by no one; its default branch is
     * {@code main}. Fails if a repository is there already.
     */
    public static HostedRepository createBare(Path directory) {
        String file = directory.getFileName().toString();
        return create(file.endsWith(Constants.DOT_GIT) ? file.substring(0, file.length() - Constants.DOT_GIT.length()) : file, directory, push -> {
        });
    }

    static HostedRepository create(String name, Path directory, Consumer<Push> moved) {
        try {
            Repository repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
            repository.create(true);
            repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + DEFAULT_BRANCH);
            return new HostedRepository(name, repository, moved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name the repository is served under. */
    public String name() {
        return name;
    }

    /** The bare repository's directory (its Git directory). */
    public Path directory() {
        return repository.getDirectory().toPath();
    }

    Repository repository() {
        return repository;
    }

    /**
     * Commits on {@code branch} its current tree with {@code files} written (UTF-8) and the paths
     * whose value is null deleted, files or whole directories; a new branch starts from an empty
     * tree. A file that was executable stays so.
     *
     * @return the new commit's SHA
     */
    public String commit(String branch, Map<String, String> files, String message) {
        Map<String, String> changes = new LinkedHashMap<>(files);
        return commitOnto(branch, message, (inserter, reader, parent) -> {
            DirCache index = parent == null ? DirCache.newInCore() : DirCache.read(reader, parent);
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, String> change : changes.entrySet()) {
                String path = change.getKey();
                if (change.getValue() == null) {
                    editor.add(index.findEntry(path) >= 0 ? new DeletePath(path) : new DeleteTree(path));
                } else {
                    editor.add(writeFile(path, inserter.insert(Constants.OBJ_BLOB, change.getValue().getBytes(StandardCharsets.UTF_8))));
                }
            }
            editor.finish();
            return index.writeTree(inserter);
        });
    }

    /** Commits on {@code branch} a tree of exactly these files, whatever it held before; the new commit's SHA. */
    public String replaceTree(String branch, Map<String, byte[]> files, String message) {
        return replaceTree(branch, files, Map.of(), message);
    }

    /**
     * Commits on {@code branch} a tree of exactly these files and symbolic links (path to target,
     * stored as given, even when it points nowhere or outside the tree); the new commit's SHA.
     */
    public String replaceTree(String branch, Map<String, byte[]> files, Map<String, String> links, String message) {
        Map<String, Blob> tree = new LinkedHashMap<>();
        files.forEach((path, content) -> tree.put(path, new Blob(FileMode.REGULAR_FILE, Objects.requireNonNull(content, path).clone())));
        links.forEach((path, target) -> {
            if (tree.put(path, new Blob(FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8))) != null) {
                throw new IllegalArgumentException(path + " is given both as a file and as a link");
            }
        });
        return commitOnto(branch, message, (inserter, reader, parent) -> writeTree(inserter, tree));
    }

    /**
     * Commits on {@code branch} the files of {@code directory} as the whole tree: regular files
     * with their executable bit and symbolic links with their targets; nothing is skipped. The
     * new commit's SHA.
     */
    public String commitDirectory(String branch, Path directory, String message) {
        Map<String, Blob> tree = DirectoryFiles.read(directory);
        return commitOnto(branch, message, (inserter, reader, parent) -> writeTree(inserter, tree));
    }

    /** Points the lightweight tag {@code refs/tags/<name>} at {@code commit}, moving it if it exists. */
    public void tag(String name, String commit) {
        moveRef(Constants.R_TAGS + name, ObjectId.fromString(commit));
    }

    /** Points {@code refs/tags/<name>} at a new tag object for {@code commit}, moving it if it exists. */
    public void annotatedTag(String name, String commit) {
        ObjectId tag;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            TagBuilder builder = new TagBuilder();
            builder.setTag(name);
            builder.setObjectId(ObjectId.fromString(commit), Constants.OBJ_COMMIT);
            builder.setTagger(author());
            builder.setMessage(name + "\n");
            tag = inserter.insert(builder);
            inserter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        moveRef(Constants.R_TAGS + name, tag);
    }

    /** Deletes a ref by its full name ({@code refs/heads/feature}, {@code refs/tags/v1}); nothing if it does not exist. */
    public void deleteRef(String ref) {
        Push push;
        synchronized (this) {
            try {
                RefUpdate update = repository.updateRef(ref);
                update.setForceUpdate(true);
                RefUpdate.Result result = update.delete();
                switch (result) {
                    case FORCED, FAST_FORWARD -> push = new Push(name, ref, update.getOldObjectId().name(), ObjectId.zeroId().name());
                    case NEW, NO_CHANGE -> push = null;
                    default -> throw new IllegalStateException("could not delete " + ref + " in " + name + ": " + result);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        announce(push);
    }

    /** Points {@code HEAD}, the branch a clone checks out, at {@code branch}. */
    public synchronized void setDefaultBranch(String branch) {
        try {
            RefUpdate.Result result = repository.updateRef(Constants.HEAD).link(branchRef(branch));
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new IllegalStateException("could not point HEAD of " + name + " at " + branch + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The object a ref points at, or null if there is no such ref (or it is an unborn {@code HEAD});
     * {@code ref} is a full name or one Git would expand ({@code main}, {@code v1.0.0}). An
     * annotated tag gives its tag object.
     */
    public String head(String ref) {
        try {
            Ref found = repository.findRef(ref);
            return found == null || found.getObjectId() == null ? null : found.getObjectId().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            repository.close();
        }
    }

    @Override
    public String toString() {
        return "repository " + name + " in " + directory();
    }

    /** Writes the tree of a new commit from its parent's tree, null on a new branch. */
    @FunctionalInterface
    private interface TreeSource {
        ObjectId write(ObjectInserter inserter, ObjectReader reader, RevTree parent) throws IOException;
    }

    private String commitOnto(String branch, String message, TreeSource tree) {
        String ref = branchRef(branch);
        Objects.requireNonNull(message, "message");
        Push push;
        synchronized (this) {
            push = commitWithRetries(ref, message, tree);
        }
        announce(push);
        return push.newId();
    }

    /** Commits on top of the branch and moves it, again on the new top while a push keeps moving it first. */
    private Push commitWithRetries(String ref, String message, TreeSource tree) {
        for (int attempt = 1; ; attempt++) {
            try (ObjectInserter inserter = repository.newObjectInserter(); RevWalk walk = new RevWalk(repository)) {
                Ref current = repository.exactRef(ref);
                ObjectId parent = current == null ? ObjectId.zeroId() : current.getObjectId();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(tree.write(inserter, walk.getObjectReader(), current == null ? null : walk.parseCommit(parent).getTree()));
                if (current != null) {
                    commit.setParentId(parent);
                }
                commit.setAuthor(author());
                commit.setCommitter(author());
                commit.setMessage(message);
                ObjectId id = inserter.insert(commit);
                inserter.flush();

                RefUpdate update = repository.updateRef(ref);
                update.setExpectedOldObjectId(parent);
                update.setNewObjectId(id);
                update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
                RefUpdate.Result result = update.update(walk);
                if (result == RefUpdate.Result.NEW || result == RefUpdate.Result.FAST_FORWARD) {
                    return new Push(name, ref, parent.name(), id.name());
                }
                if (result != RefUpdate.Result.LOCK_FAILURE || attempt == COMMIT_ATTEMPTS) {
                    throw new IllegalStateException("could not move " + ref + " in " + name + ": " + result);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void moveRef(String ref, ObjectId id) {
        if (!Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("not a valid ref name: " + ref);
        }
        Push push;
        synchronized (this) {
            try {
                RefUpdate update = repository.updateRef(ref);
                update.setNewObjectId(id);
                update.setForceUpdate(true);
                RefUpdate.Result result = update.update();
                switch (result) {
                    case NEW, FORCED, FAST_FORWARD -> push = new Push(name, ref, oldIdOf(update), id.name());
                    case NO_CHANGE -> push = null;
                    default -> throw new IllegalStateException("could not move " + ref + " in " + name + ": " + result);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        announce(push);
    }

    /** Runs the listeners outside the lock, so one that writes to this repository from another thread cannot deadlock. */
    private void announce(Push push) {
        if (push != null) {
            moved.accept(push);
        }
    }

    private static String oldIdOf(RefUpdate update) {
        return update.getOldObjectId() == null ? ObjectId.zeroId().name() : update.getOldObjectId().name();
    }

    private static String branchRef(String branch) {
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("not a valid branch name: " + branch);
        }
        return ref;
    }

    private static PathEdit writeFile(String path, ObjectId blob) {
        return new PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.EXECUTABLE_FILE.equals(entry.getRawMode()) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
            }
        };
    }

    private static ObjectId writeTree(ObjectInserter inserter, Map<String, Blob> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, Blob> file : files.entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(file.getKey());
            entry.setFileMode(file.getValue().mode());
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().content()));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    private static PersonIdent author() {
        return new PersonIdent("Capstan", "capstan@localhost");
    }
}
