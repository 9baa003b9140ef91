package dev.capstan.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Sees the values of one data key of the ConfigMaps carrying the run label, as a watch delivers
 * them: the end of a heal or of a push is the moment the expected value arrives here, the same
 * for Capstan and the floor. An informer rather than a bare watch, so a watch the server closes
 * during a long run is resumed.
 */
final class ValueWatch implements AutoCloseable {

    private final SharedIndexInformer<ConfigMap> informer;
    private final Map<String, List<Expectation>> expectations = new ConcurrentHashMap<>();

    ValueWatch(KubernetesClient client, String dataKey) {
        informer = client.configMaps().inAnyNamespace().withLabel(ObjectMix.RUN_LABEL).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                seen(object);
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                seen(after);
            }

            @Override
            public void onDelete(ConfigMap object, boolean unknown) {
            }

            private void seen(ConfigMap object) {
                long now = System.nanoTime();
                String value = object.getData() == null ? null : object.getData().get(dataKey);
                List<Expectation> waiting = expectations.get(object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
                if (waiting != null) {
                    waiting.forEach(expectation -> expectation.seen(value, now));
                }
            }
        });
    }

    /**
     * Expects {@code value} on the ConfigMap, after {@code after} was seen when that is not null
     * (a drift, then its correction); register before the write that leads to it.
     */
    Expectation expect(String namespace, String name, String after, String value) {
        var expectation = new Expectation(namespace + "/" + name, after, value);
        expectations.computeIfAbsent(expectation.key, key -> new CopyOnWriteArrayList<>()).add(expectation);
        return expectation;
    }

    final class Expectation {
        private final String key;
        private final String value;
        private String after;
        private final CompletableFuture<Long> arrived = new CompletableFuture<>();

        private Expectation(String key, String after, String value) {
            this.key = key;
            this.after = after;
            this.value = Objects.requireNonNull(value);
        }

        private synchronized void seen(String seenValue, long nanos) {
            if (after != null) {
                if (after.equals(seenValue)) {
                    after = null;
                }
            } else if (value.equals(seenValue)) {
                arrived.complete(nanos);
            }
        }

        /** The System.nanoTime() the value was seen at. */
        long await(Duration timeout) throws InterruptedException {
            try {
                return arrived.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException(key + " did not show " + value + " within " + timeout);
            } finally {
                expectations.computeIfPresent(key, (k, list) -> {
                    list.remove(this);
                    return list.isEmpty() ? null : list;
                });
            }
        }

        /** Like {@link #await} but empty instead of failing on a timeout. */
        java.util.OptionalLong poll(Duration timeout) throws InterruptedException {
            try {
                return java.util.OptionalLong.of(await(timeout));
            } catch (IllegalStateException e) {
                return java.util.OptionalLong.empty();
            }
        }
    }

    @Override
    public void close() {
        informer.stop();
    }
}
