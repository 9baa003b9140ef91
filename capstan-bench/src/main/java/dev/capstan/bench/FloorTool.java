package dev.capstan.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.Manifest;

/**
 * The physical floor: a tight loop of server-side applies, one request per object, no rate
 * limiter, {@value #CONCURRENCY} in flight (the best measured on these machines), namespaces first.
 */
final class FloorTool implements Tool {

    static final int CONCURRENCY = 16;

    private final KubernetesClient client;
    private List<GenericKubernetesResource> namespaces;
    private List<GenericKubernetesResource> objects;

    FloorTool(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public void prepare(ObjectMix mix, Path files) {
        var serialization = client.getKubernetesSerialization();
        List<GenericKubernetesResource> all = mix.manifests().stream()
                .map(Manifest::toJson)
                .map(json -> serialization.unmarshal(json, GenericKubernetesResource.class))
                .toList();
        namespaces = all.subList(0, ObjectMix.NAMESPACES);
        objects = all.subList(ObjectMix.NAMESPACES, all.size());
    }

    @Override
    public void apply(ObjectMix mix, Path files) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            applyAll(executor, namespaces);
            applyAll(executor, objects);
        }
    }

    private void applyAll(ExecutorService executor, List<GenericKubernetesResource> resources) throws Exception {
        var gate = new Semaphore(CONCURRENCY);
        var futures = new ArrayList<Future<?>>();
        for (GenericKubernetesResource resource : resources) {
            gate.acquire();
            futures.add(executor.submit(() -> {
                try {
                    client.resource(resource).fieldManager("floor").forceConflicts().serverSideApply();
                } finally {
                    gate.release();
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    @Override
    public long writes() {
        return ObjectMix.TOTAL;
    }
}
