package dev.capstan.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.git.Commit;
import dev.capstan.git.RepositoryCache;
import dev.capstan.git.RepositoryCredentials;

/**
 * The floor of benchmark (d): what a push needs at the least, done in the harness's warm JVM with
 * Capstan's own Git and rendering code and no controller around it: look the branch up, fetch
 * the new commit, render the application, and apply with one server-side apply each the objects
 * whose manifest changed since the last render (16 in flight). It works on an application of its
 * own, so Capstan's objects are not touched.
 */
final class PushFloor implements AutoCloseable {

    private static final int CONCURRENCY = 16;

    private final KubernetesClient client;
    private final RepositoryCache git;
    private final String url;
    private final String path;
    private final DirectoryRenderer renderer = new DirectoryRenderer();
    private final Map<ResourceKey, Manifest> applied = new HashMap<>();

    PushFloor(KubernetesClient client, Path cache, String url, String path) {
        this.client = client;
        this.git = new RepositoryCache(cache);
        this.url = url;
        this.path = path;
    }

    /** Brings the cluster to the branch's head; returns how many objects it applied. */
    int sync() throws Exception {
        Commit commit = git.resolve(url, "main", RepositoryCredentials.none());
        List<Manifest> rendered = renderer.render(git.tree(url, commit, path, RepositoryCredentials.none()), path,
                DirectoryOptions.defaults()).manifests();
        List<Manifest> changed = rendered.stream().filter(manifest -> !manifest.equals(applied.get(manifest.key()))).toList();
        var serialization = client.getKubernetesSerialization();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var gate = new Semaphore(CONCURRENCY);
            var futures = new java.util.ArrayList<Future<?>>();
            // namespaces first, as the floor of (a) does
            for (boolean namespaces : new boolean[] {true, false}) {
                for (Manifest manifest : changed) {
                    if (manifest.kind().equals("Namespace") != namespaces) {
                        continue;
                    }
                    gate.acquire();
                    futures.add(executor.submit(() -> {
                        try {
                            client.resource(serialization.unmarshal(manifest.toJson(), GenericKubernetesResource.class))
                                    .fieldManager("floor").forceConflicts().serverSideApply();
                        } finally {
                            gate.release();
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            }
        }
        changed.forEach(manifest -> applied.put(manifest.key(), manifest));
        return changed.size();
    }

    @Override
    public void close() {
        git.close();
    }
}
