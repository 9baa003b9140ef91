package dev.capstan.controller.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one of several replicas of the controller the leader, the one that acts, through a
 * {@code coordination.k8s.io} Lease that the leader renews. The others keep trying and take
 * over when the lease is not renewed in time, or at once when the leader closes its election
 * (it releases the lease on the way out).
 *
 * <p>The election runs on its own thread (fabric8's {@code LeaderElector}); the two callbacks
 * run, in order, on another one, so a callback that takes a while (starting informers, draining
 * a work queue) does not hold up the renewals. A replica that loses the lease is told through
 * {@code onStoppedLeading} and becomes a candidate again; it must stop acting at once, since
 * another replica may already lead.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    /**
     * How long a lease lasts and how hard the leader holds on to it.
     *
     * @param leaseDuration how long the others wait after the last renewal before taking over
     *     (the Lease stores it in whole seconds)
     * @param renewDeadline how long the leader keeps trying to renew before it gives up leading;
     *     shorter than the lease, so it stops before anyone else can start
     * @param retryPeriod how often candidates try to acquire and the leader renews
     */
    public record Options(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

        public Options {
            Objects.requireNonNull(leaseDuration, "leaseDuration");
            Objects.requireNonNull(renewDeadline, "renewDeadline");
            Objects.requireNonNull(retryPeriod, "retryPeriod");
            if (retryPeriod.isNegative() || retryPeriod.isZero()) {
                throw new IllegalArgumentException("retry period must be positive: " + retryPeriod);
            }
            if (leaseDuration.toSeconds() < 1) {
                throw new IllegalArgumentException("lease duration must be at least one second: " + leaseDuration);
            }
            if (renewDeadline.compareTo(leaseDuration) >= 0) {
                throw new IllegalArgumentException(
                        "renew deadline " + renewDeadline + " must be shorter than the lease " + leaseDuration);
            }
            if (renewDeadline.compareTo(retryPeriod) <= 0) {
                throw new IllegalArgumentException(
                        "renew deadline " + renewDeadline + " must be longer than the retry period " + retryPeriod);
            }
        }

        /** 15 s lease, 10 s renew deadline, 2 s retry period (client-go's defaults). */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
        }
    }

    private final KubernetesClient client;
    private final LeaderElectionConfig config;
    private final String description;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final ScheduledExecutorService electionThread;
    private final ExecutorService callbackThread;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile Thread callbackThreadItself;
    private CompletableFuture<?> campaign;
    private boolean closed;

    private LeaderElection(KubernetesClient client, String namespace, String leaseName, String identity,
            Options options, Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.client = client;
        this.description = "lease " + namespace + "/" + leaseName + " (as " + identity + ")";
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
        this.config = new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity))
                .withLeaseDuration(options.leaseDuration())
                .withRenewDeadline(options.renewDeadline())
                .withRetryPeriod(options.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
                .build();
        this.electionThread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("capstan-leader-election-" + leaseName).daemon().factory());
        this.callbackThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = Thread.ofPlatform().name("capstan-leader-callbacks-" + leaseName).daemon().unstarted(task);
            callbackThreadItself = thread;
            return thread;
        });
    }

    /**
     * Joins the election for the Lease {@code namespace/leaseName} as {@code identity} (unique
     * per replica, such as the pod name). Returns at once; {@code onStartedLeading} runs when
     * this replica acquires the lease, {@code onStoppedLeading} when it no longer holds it.
     */
    public static LeaderElection start(KubernetesClient client, String namespace, String leaseName, String identity,
            Options options, Runnable onStartedLeading, Runnable onStoppedLeading) {
        Objects.requireNonNull(client, "client");
        requireName(namespace, "namespace");
        requireName(leaseName, "leaseName");
        requireName(identity, "identity");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onStartedLeading, "onStartedLeading");
        Objects.requireNonNull(onStoppedLeading, "onStoppedLeading");
        var election = new LeaderElection(client, namespace, leaseName, identity, options, onStartedLeading,
                onStoppedLeading);
        election.electionThread.execute(election::campaign);
        return election;
    }

    /** Whether this replica holds the lease, as far as it last saw. */
    public boolean isLeader() {
        return leading.get();
    }

    /**
     * Leaves the election: stops renewing, releases the lease if this replica holds it (so a
     * successor takes over without waiting for it to expire) and waits, up to the renew
     * deadline, for {@code onStoppedLeading} to have run.
     */
    @Override
    public void close() {
        CompletableFuture<?> current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = campaign;
        }
        if (current != null) {
            current.cancel(true);
        }
        stoppedLeading();
        electionThread.shutdownNow();
        callbackThread.shutdown();
        if (Thread.currentThread() != callbackThreadItself) {
            try {
                if (!callbackThread.awaitTermination(config.getRenewDeadline().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{}: leadership callbacks still running after close", description);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a fresh elector (a fabric8 elector starts only once) and comes back here when it ends. */
    private void campaign() {
        synchronized (this) {
            if (closed) {
                return;
            }
            LOG.debug("{}: campaigning", description);
            campaign = new LeaderElector(client, config, electionThread).start();
            campaign.whenComplete((ignored, failure) -> campaignEnded(failure));
        }
    }

    private void campaignEnded(Throwable failure) {
        stoppedLeading();
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (failure != null) {
            LOG.warn("{}: election failed, trying again: {}", description, failure.toString());
        } else {
            LOG.info("{}: lost the lease, trying again", description);
        }
        try {
            electionThread.schedule(this::campaign, config.getRetryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: election closed meanwhile", description);
        }
    }

    private void startedLeading() {
        if (leading.compareAndSet(false, true)) {
            LOG.info("{}: leading", description);
            callback(onStartedLeading);
        }
    }

    private void stoppedLeading() {
        if (leading.compareAndSet(true, false)) {
            LOG.info("{}: stopped leading", description);
            callback(onStoppedLeading);
        }
    }

    private void newLeader(String identity) {
        LOG.debug("{}: leader is now {}", description, identity);
    }

    private void callback(Runnable action) {
        try {
            callbackThread.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: a leadership callback failed", description, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: election closed, callback dropped", description);
        }
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
