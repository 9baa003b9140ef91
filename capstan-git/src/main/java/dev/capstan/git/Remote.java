package dev.capstan.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * One remote repository reached with one set of credentials: list its refs (one round trip) or
 * fetch every branch and tag into a local bare repository, mirroring them under the same names
 * and pruning those deleted. Every failure comes out classified and redacted by {@link GitFailures}.
 */
final class Remote implements AutoCloseable {

    /** Branches and tags under their own names, so the cache is a mirror of the remote's heads and tags. */
    static final List<RefSpec> MIRROR = List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

    private final RepositoryUrl url;
    private final RepositoryCredentials credentials;
    private final Redaction redaction;
    private final int timeoutSeconds;
    private final SshdSessionFactory ssh;
    private final GitRequestObserver observer;

    Remote(RepositoryUrl url, RepositoryCredentials credentials, Redaction redaction, Duration timeout, Path sshHome,
            GitRequestObserver observer) {
        this.url = url;
        this.credentials = credentials;
        this.redaction = redaction;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        this.ssh = url.isSsh() ? SshSessions.factory(credentials, sshHome) : null;
        this.observer = observer;
    }

    /**
     * The branches and tags the remote advertises, by name, and {@code HEAD} (symbolic when the
     * server says where it points). With Git protocol v2 only those are asked for, which matters
     * on hosts that keep thousands of other refs (pull requests); over HTTP that is two small
     * requests, the capabilities and the ref list, and no pack.
     */
    Map<String, Ref> advertisedRefs() {
        long start = System.nanoTime();
        boolean failed = true;
        try (Transport transport = Transport.open(url.forConnection())) {
            configure(transport);
            try (FetchConnection connection = transport.openFetch(MIRROR, "HEAD")) {
                Map<String, Ref> refs = Map.copyOf(connection.getRefsMap());
                failed = false;
                return refs;
            }
        } catch (IOException | RuntimeException e) {
            throw GitFailures.classify(e, "listing the refs of", url, redaction);
        } finally {
            observer.observed(GitRequestObserver.LS_REFS, Duration.ofNanos(System.nanoTime() - start), failed);
        }
    }

    /** Fetches all branches and tags into {@code repository}, removing those the remote no longer has. */
    void fetchInto(Repository repository) {
        FetchResult result;
        long start = System.nanoTime();
        boolean failed = true;
        try (Transport transport = Transport.open(repository, url.forConnection())) {
            configure(transport);
            transport.setRemoveDeletedRefs(true);
            transport.setTagOpt(TagOpt.NO_TAGS);
            result = transport.fetch(NullProgressMonitor.INSTANCE, MIRROR);
            failed = false;
        } catch (IOException | RuntimeException e) {
            throw GitFailures.classify(e, "fetching", url, redaction);
        } finally {
            observer.observed(GitRequestObserver.FETCH, Duration.ofNanos(System.nanoTime() - start), failed);
        }
        for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
            RefUpdate.Result outcome = update.getResult();
            if (outcome == RefUpdate.Result.LOCK_FAILURE || outcome == RefUpdate.Result.IO_FAILURE || outcome == RefUpdate.Result.REJECTED) {
                throw new GitException(GitException.Reason.OTHER, "could not update " + update.getLocalName() + " (" + outcome
                        + ") in the cache of " + url);
            }
        }
    }

    private void configure(Transport transport) {
        transport.setTimeout(timeoutSeconds);
        if (credentials instanceof RepositoryCredentials.UsernamePassword https) {
            transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(https.username(), https.password()));
        }
        if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh);
        }
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
