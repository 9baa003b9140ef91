package dev.capstan.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * Watches the mix's kinds for objects with the run's label and notes when the last of them is
 * seen: the end of a cold sync as the cluster sees it, the same for every tool.
 */
final class ArrivalWatch implements AutoCloseable {

    private static final List<String[]> KINDS = List.of(
            new String[] {"v1", "Namespace"}, new String[] {"v1", "ServiceAccount"},
            new String[] {"v1", "ConfigMap"}, new String[] {"v1", "Service"}, new String[] {"apps/v1", "Deployment"});

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch all;
    private final List<Watch> watches = new ArrayList<>();
    private volatile long lastSeenNanos;

    ArrivalWatch(KubernetesClient client, String run, int expected) {
        this.all = new CountDownLatch(expected);
        for (String[] kind : KINDS) {
            var resources = client.genericKubernetesResources(kind[0], kind[1]);
            var selected = kind[1].equals("Namespace")
                    ? resources.withLabel(ObjectMix.RUN_LABEL, run)
                    : resources.inAnyNamespace().withLabel(ObjectMix.RUN_LABEL, run);
            watches.add(selected.watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    if ((action == Action.ADDED || action == Action.MODIFIED) && seen.add(identity(resource))) {
                        lastSeenNanos = System.nanoTime();
                        all.countDown();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            }));
        }
    }

    /** Waits for every object; returns the time the last one was seen (System.nanoTime). */
    long awaitAll(Duration timeout) throws InterruptedException {
        if (!all.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("only " + seen.size() + " objects were seen within " + timeout);
        }
        return lastSeenNanos;
    }

    private static String identity(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }
}
