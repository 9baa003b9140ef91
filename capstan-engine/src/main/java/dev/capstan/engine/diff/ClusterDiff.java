package dev.capstan.engine.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.SyncStatus;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.cluster.ClusterClient.ApplyOptions;
import dev.capstan.engine.cluster.ClusterException;

/**
 * Compares desired objects with a cluster: reads each live object, asks the server for the
 * predicted one with a server-side dry-run apply made from that same version of it (only when
 * the object exists: a missing object is Missing without a request, and so is one whose kind
 * the server does not know yet, such as a custom resource whose CRD the same sync creates), and
 * compares them. Tracked objects that are no longer desired and still live require pruning.
 * Requests run in parallel, bounded.
 */
public final class ClusterDiff {

    /** How many times to read a live object that keeps changing under the dry run. */
    private static final int READS = 5;
    private static final String RESOURCE_VERSION = "/metadata/resourceVersion";

    private final ClusterClient cluster;
    private final ResourceComparer comparer;
    private final ApplyOptions applyOptions;
    private final int parallelism;

    public ClusterDiff(ClusterClient cluster, ResourceComparer comparer, ApplyOptions applyOptions, int parallelism) {
        this.cluster = cluster;
        this.comparer = comparer;
        this.applyOptions = applyOptions.asDryRun();
        this.parallelism = parallelism;
    }

    /**
     * @param desired manifests ready to apply (namespaces set, tracking marks added)
     * @param tracked the keys the application applied before (its inventory)
     * @return one result per desired object, in order, then one per tracked object to prune
     */
    public List<ResourceDiff> diff(List<Manifest> desired, Collection<ResourceKey> tracked) {
        Set<ResourceKey> desiredKeys = new LinkedHashSet<>();
        desired.forEach(manifest -> desiredKeys.add(manifest.key()));
        var gate = new Semaphore(parallelism);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Optional<ResourceDiff>>>();
            for (Manifest manifest : desired) {
                futures.add(executor.submit(() -> bounded(gate, () -> Optional.of(compareDesired(manifest)))));
            }
            for (ResourceKey key : tracked) {
                if (!desiredKeys.contains(key)) {
                    futures.add(executor.submit(() -> bounded(gate, () -> cluster.get(key)
                            .map(live -> comparer.compare(key, Optional.empty(), Optional.of(live))))));
                }
            }
            var results = new ArrayList<ResourceDiff>();
            for (Future<Optional<ResourceDiff>> future : futures) {
                future.get().ifPresent(results::add);
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing with the cluster", e);
        }
    }

    private ResourceDiff compareDesired(Manifest desired) {
        ResourceKey key = desired.key();
        if (cluster.resourceType(key.groupKind()).isEmpty()) {
            return comparer.compare(key, Optional.of(desired), Optional.empty())
                    .withProblem("the server does not serve " + key.groupKind() + " yet");
        }
        Optional<Manifest> live = cluster.get(key);
        if (live.isEmpty()) {
            return comparer.compare(key, Optional.of(desired), Optional.empty());
        }
        try {
            return compareWithPrediction(key, desired, live.get());
        } catch (ClusterException e) {
            if (e.reason().isTransient()) {
                throw e;
            }
            // The server refuses the change (invalid, immutable field...): compare with the manifest
            // itself so the user sees what differs, and say why the comparison is not exact.
            ResourceDiff rough = comparer.compare(key, Optional.of(desired), live);
            ResourceDiff shown = rough.status() == SyncStatus.SYNCED
                    ? new ResourceDiff(key, SyncStatus.OUT_OF_SYNC, "", List.of())
                    : rough;
            return shown.withProblem(e.getMessage());
        }
    }

    /**
     * Compares the live object with the dry run's prediction made from that very version of it.
     * A controller that writes between the read and the dry run (the Deployment controller's
     * revision annotation, the aggregation controller's rules of a ClusterRole) would otherwise
     * show as a difference that is in neither Git nor the cluster. A dry run answers with the
     * resourceVersion it started from; while that is not the live object's, read again (and
     * predict again if the object moved on), a few times at most.
     */
    private ResourceDiff compareWithPrediction(ResourceKey key, Manifest desired, Manifest live) {
        Manifest predicted = cluster.apply(desired, applyOptions);
        for (int read = 1; read < READS && !sameVersion(predicted, live); read++) {
            Optional<Manifest> again = cluster.get(key);
            if (again.isEmpty()) {
                return comparer.compare(key, Optional.of(desired), Optional.empty());
            }
            live = again.get();
            if (!sameVersion(predicted, live)) {
                predicted = cluster.apply(desired, applyOptions);
            }
        }
        return comparer.compare(key, Optional.of(predicted), Optional.of(live));
    }

    private static boolean sameVersion(Manifest predicted, Manifest live) {
        return predicted.string(RESOURCE_VERSION).equals(live.string(RESOURCE_VERSION));
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T bounded(Semaphore gate, Work<T> work) throws InterruptedException {
        gate.acquire();
        try {
            return work.run();
        } finally {
            gate.release();
        }
    }
}
