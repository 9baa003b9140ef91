package dev.capstan.controller.webhook;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a push concerns an Application source, given its {@code repoURL} and
 * {@code targetRevision}.
 *
 * <p>The repository matches when any URL the payload names is the same repository as
 * {@code repoURL} ({@link RepositoryKey}: host case, default ports, {@code .git}, trailing
 * {@code /}, user information and scheme do not matter; the path's case matters except on
 * github.com, gitlab.com, bitbucket.org and any host added with {@link #withCaseInsensitiveHosts}).
 *
 * <p>The revision matches when
 * <ul>
 *   <li>it names the pushed branch ({@code main} or {@code refs/heads/main});
 *   <li>it is {@code HEAD} or empty and the push went to the default branch. When the payload
 *       does not say which branch that is (Bitbucket, the generic payload), any branch push
 *       matches: a needless refresh is cheap, a missed one is not;
 *   <li>it names the pushed tag ({@code v1.2.0} or {@code refs/tags/v1.2.0});
 *   <li>the pushed tag is a version and the revision a version range ({@code ^1.2},
 *       {@code >=1.0.0 <2.0.0}, {@code 1.x}): the refresh finds out whether the tag is the new
 *       highest match. An exact version ({@code 1.2.0}) matches only that version's tag.
 * </ul>
 * A revision that is a full commit SHA never matches: no push moves a commit.
 */
public final class RepositoryMatcher {

    /** Hosts whose repository paths ignore case. */
    public static final Set<String> CASE_INSENSITIVE_HOSTS = Set.of("github.com", "gitlab.com", "bitbucket.org");

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    private final Set<String> caseInsensitiveHosts;

    private RepositoryMatcher(Set<String> caseInsensitiveHosts) {
        this.caseInsensitiveHosts = Set.copyOf(caseInsensitiveHosts);
    }

    /** A matcher that ignores path case on {@link #CASE_INSENSITIVE_HOSTS}. */
    public static RepositoryMatcher defaults() {
        return new RepositoryMatcher(CASE_INSENSITIVE_HOSTS);
    }

    /** This matcher, also ignoring path case on {@code hosts} (a GitHub Enterprise server, say). */
    public RepositoryMatcher withCaseInsensitiveHosts(Collection<String> hosts) {
        var all = new HashSet<>(caseInsensitiveHosts);
        hosts.forEach(host -> all.add(host.toLowerCase(Locale.ROOT)));
        return new RepositoryMatcher(all);
    }

    /** Whether {@code event} concerns a source of {@code repoURL} at {@code targetRevision}. */
    public boolean matches(PushEvent event, String repoURL, String targetRevision) {
        return revisionMatches(event, targetRevision) && repositoryMatches(event, repoURL);
    }

    /** Whether any URL {@code event} names is the repository {@code repoURL}. */
    public boolean repositoryMatches(PushEvent event, String repoURL) {
        Optional<RepositoryKey> wanted = RepositoryKey.of(repoURL, caseInsensitiveHosts);
        return wanted.isPresent() && event.repositoryUrls().stream()
                .map(url -> RepositoryKey.of(url, caseInsensitiveHosts))
                .anyMatch(wanted::equals);
    }

    /** Whether a push of {@code event}'s ref can change what {@code targetRevision} resolves to. */
    public static boolean revisionMatches(PushEvent event, String targetRevision) {
        String target = targetRevision == null ? "" : targetRevision.strip();
        if (FULL_SHA.matcher(target).matches()) {
            return false;
        }
        if (target.isEmpty() || target.equals("HEAD")) {
            return event.branch().isPresent()
                    && event.defaultBranch().map(branch -> branch.equals(event.branch().get())).orElse(true);
        }
        if (target.startsWith("refs/")) {
            return target.equals(event.ref());
        }
        if (event.branch().isPresent()) {
            return target.equals(event.branch().get());
        }
        String tag = event.tag().orElseThrow();
        if (target.equals(tag)) {
            return true;
        }
        if (!VersionRangeSyntax.isVersionTag(tag) || !VersionRangeSyntax.isConstraint(target)) {
            return false;
        }
        return VersionRangeSyntax.exactVersion(target)
                .map(version -> version.equals(VersionRangeSyntax.normalisedTag(tag)))
                .orElse(true);
    }
}
