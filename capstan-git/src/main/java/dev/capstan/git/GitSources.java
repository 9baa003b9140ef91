package dev.capstan.git;

import dev.capstan.engine.render.SourceTree;

/**
 * Where applications' sources come from when they live in Git: the port the controller uses,
 * implemented by {@link RepositoryCache}. Both methods may reach the server and so may fail with
 * any {@link GitException.Reason}; transient ones are worth a retry.
 */
public interface GitSources {

    /**
     * The commit {@code revision} names now in the repository at {@code url}: a branch, a tag, a
     * full or unique abbreviated SHA, {@code HEAD} or empty (the remote's default branch), or a
     * semantic version range over tags such as {@code ^1.2} (the highest matching version;
     * pre-releases only if the range names one).
     */
    Commit resolve(String url, String revision, RepositoryCredentials credentials);

    /**
     * The files of {@code commit}, checked to hold a directory at {@code path} (the application's
     * path; {@code ""} or {@code "."} for the root).
     *
     * @throws GitException {@code PATH_NOT_FOUND} if {@code path} is not a directory in the commit,
     *     {@code REVISION_NOT_FOUND} if the repository does not have the commit
     */
    SourceTree tree(String url, Commit commit, String path, RepositoryCredentials credentials);
}
