package dev.capstan.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare repository the test writes to directly with JGit: commits from a {@link FixtureTree},
 * branches and tags, as a server-side repository would receive them from a push.
 */
final class TestRepository implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Capstan Test", "test@capstan.dev", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Repository repository;
    private int commits;

    private TestRepository(Repository repository) {
        this.repository = repository;
    }

    static TestRepository createBare(Path gitDir) {
        try {
            Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
            repository.create(true);
            return new TestRepository(repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Repository repository() {
        return repository;
    }

    /** Commits {@code tree} on top of {@code branch} (creating it) and moves the branch; the new commit's SHA. */
    synchronized String commit(String branch, FixtureTree tree) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, FixtureTree.Node> node : tree.nodes().entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(node.getKey());
                boolean link = node.getValue() instanceof FixtureTree.Link;
                entry.setFileMode(link ? FileMode.SYMLINK : FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, node.getValue().bytes()));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            ObjectId parent = repository.resolve("refs/heads/" + branch);
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(AUTHOR);
            commit.setCommitter(AUTHOR);
            commit.setMessage("commit " + (++commits) + " on " + branch);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            update("refs/heads/" + branch, id);
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lightweight tag. */
    void tag(String name, String commit) {
        update("refs/tags/" + name, ObjectId.fromString(commit));
    }

    /** An annotated tag: a tag object pointing at the commit. */
    void annotatedTag(String name, String commit) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(ObjectId.fromString(commit), Constants.OBJ_COMMIT);
            tag.setTagger(AUTHOR);
            tag.setMessage("release " + name);
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            update("refs/tags/" + name, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteRef(String name) {
        try {
            RefUpdate update = repository.updateRef(name);
            update.setForceUpdate(true);
            update.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void setDefaultBranch(String branch) {
        try {
            repository.updateRef(Constants.HEAD).link("refs/heads/" + branch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a blob no ref reaches, to give the object database more names. */
    String looseBlob(String content) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            inserter.flush();
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String head(String ref) {
        try {
            Ref found = repository.exactRef(ref);
            return found == null ? null : found.getObjectId().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void update(String ref, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE || result == RefUpdate.Result.REJECTED) {
                throw new IllegalStateException("could not update " + ref + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
