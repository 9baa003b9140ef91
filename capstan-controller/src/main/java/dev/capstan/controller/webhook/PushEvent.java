package dev.capstan.controller.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ref moved in one repository, as a Git host reported it.
 *
 * @param provider who sent it
 * @param repositoryUrls every URL the payload gives for the repository (clone over HTTPS and
 *     SSH, web page), in the payload's order; never empty
 * @param ref the full ref name, {@code refs/heads/main} or {@code refs/tags/v1.2.0}
 * @param commit the commit the ref now points at; empty when the payload does not say, or the
 *     ref was deleted
 * @param defaultBranch the repository's default branch as a short name ({@code main}), when the
 *     payload gives it
 * @param changedFiles the paths the pushed commits added, modified or removed, when the payload
 *     lists them all; empty when it does not (Bitbucket, tags, new or deleted or force-pushed
 *     branches, commit lists the host truncated), which means "anything may have changed"
 */
public record PushEvent(
        Provider provider,
        List<String> repositoryUrls,
        String ref,
        Optional<String> commit,
        Optional<String> defaultBranch,
        Optional<List<String>> changedFiles) {

    static final String BRANCH_PREFIX = "refs/heads/";
    static final String TAG_PREFIX = "refs/tags/";

    public PushEvent {
        Objects.requireNonNull(provider, "provider");
        repositoryUrls = List.copyOf(repositoryUrls);
        if (repositoryUrls.isEmpty()) {
            throw new IllegalArgumentException("a push event names at least one repository URL");
        }
        if (ref == null || !(ref.startsWith(BRANCH_PREFIX) || ref.startsWith(TAG_PREFIX)) || shortName(ref).isEmpty()) {
            throw new IllegalArgumentException("'" + ref + "' is neither refs/heads/<branch> nor refs/tags/<tag>");
        }
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
        changedFiles = changedFiles.map(List::copyOf);
    }

    /** The branch pushed to, if the ref is a branch. */
    public Optional<String> branch() {
        return ref.startsWith(BRANCH_PREFIX) ? Optional.of(shortName(ref)) : Optional.empty();
    }

    /** The tag pushed, if the ref is a tag. */
    public Optional<String> tag() {
        return ref.startsWith(TAG_PREFIX) ? Optional.of(shortName(ref)) : Optional.empty();
    }

    private static String shortName(String ref) {
        return ref.substring(ref.indexOf('/', "refs/".length()) + 1);
    }
}
