package dev.capstan.controller;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.OperationState;

/**
 * The Applications of the controller's namespace: read from an informer's cache, written through
 * the API server. Status writes go to the status subresource and retry on a conflict with the
 * latest object, since the controller alone writes the status.
 */
final class Applications {

    private static final int STATUS_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;
    private final KubernetesSerialization serialization;
    private final Map<String, String> lastWritten = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<Application> informer;

    Applications(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.serialization = client.getKubernetesSerialization();
    }

    MixedOperation<Application, KubernetesResourceList<Application>, Resource<Application>> api() {
        return client.resources(Application.class);
    }

    String namespace() {
        return namespace;
    }

    void use(SharedIndexInformer<Application> cache) {
        this.informer = cache;
    }

    /**
     * The Application from the cache, or from the server before the cache runs or while the cache
     * is older than the controller's own last write. Read-only: it is the cache's own object (a
     * copy per reconcile cost more CPU than the rest of an idle reconcile); the status to write is
     * built on {@link #copy}.
     */
    Optional<Application> get(String name) {
        Application cached = informer == null ? null : informer.getStore().getByKey(namespace + "/" + name);
        if (cached == null || olderThanOwnWrite(cached)) {
            cached = api().inNamespace(namespace).withName(name).get();
        }
        return Optional.ofNullable(cached);
    }

    /**
     * Whether the cache has not caught up with the controller's own last write to the
     * application: its copy would show an operation already taken on, or a sync still running
     * that has ended. Resource versions are compared as the numbers the API server makes them;
     * one that is not a number is taken as current.
     */
    private boolean olderThanOwnWrite(Application cached) {
        String written = lastWritten.get(cached.getMetadata().getName());
        if (written == null) {
            return false;
        }
        try {
            return Long.parseLong(cached.getMetadata().getResourceVersion()) < Long.parseLong(written);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Application remember(Application written) {
        if (written != null) {
            lastWritten.put(written.getMetadata().getName(), written.getMetadata().getResourceVersion());
        }
        return written;
    }

    void forget(String name) {
        lastWritten.remove(name);
    }

    List<Application> all() {
        return informer == null ? api().inNamespace(namespace).list().getItems() : informer.getStore().list();
    }

    /** Writes {@code status} unless it equals what the application has; returns the application as written. */
    Application writeStatus(Application application, ApplicationStatus status) {
        if (sameStatus(application.getStatus(), status)) {
            return application;
        }
        Application current = application;
        for (int attempt = 1; ; attempt++) {
            Application update = serialization.clone(current);
            update.setStatus(status);
            try {
                return remember(api().inNamespace(namespace).resource(update).updateStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= STATUS_ATTEMPTS) {
                    throw e;
                }
                current = api().inNamespace(namespace).withName(application.getMetadata().getName()).get();
                if (current == null) {
                    return application;
                }
            }
        }
    }

    /** Removes the top-level {@code operation}: the controller took it on. */
    void clearOperation(String name) {
        patch(name, "{\"operation\":null}");
    }

    void removeAnnotation(String name, String annotation) {
        patch(name, "{\"metadata\":{\"annotations\":{" + quote(annotation) + ":null}}}");
    }

    void removeFinalizer(Application application, String finalizer) {
        ignoringGone(() -> remember(api().inNamespace(namespace).withName(application.getMetadata().getName()).edit(latest -> {
            latest.getMetadata().getFinalizers().removeIf(finalizer::equals);
            return latest;
        })));
    }

    private void patch(String name, String mergePatch) {
        ignoringGone(() -> remember(api().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch)));
    }

    /** Runs a write that has nothing left to do when the Application is gone already. */
    private static void ignoringGone(Runnable write) {
        try {
            write.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /**
     * The status for a reconcile to work on, without copying the cached one whole (for a large
     * application that is most of a reconcile's work): the parts a reconcile changes in place (the
     * sync summary, the operation state) are copied; the rest (resource rows, inventory, history,
     * conditions, the frozen sync result) are shared, since a reconcile only ever replaces them.
     */
    ApplicationStatus copy(ApplicationStatus status) {
        var copy = new ApplicationStatus();
        copy.setSync(status.getSync() == null ? null : serialization.clone(status.getSync()));
        copy.setHealth(status.getHealth());
        copy.setResources(status.getResources());
        copy.setOperationState(status.getOperationState() == null ? null : operationState(status.getOperationState()));
        copy.setHistory(status.getHistory());
        copy.setConditions(status.getConditions());
        copy.setReconciledAt(status.getReconciledAt());
        copy.setObservedGeneration(status.getObservedGeneration());
        copy.setSummary(status.getSummary());
        copy.setInventory(status.getInventory());
        status.getUnknownFields().forEach(copy::setUnknownField);
        return copy;
    }

    private static OperationState operationState(OperationState state) {
        var copy = new OperationState();
        copy.setOperation(state.getOperation());
        copy.setPhase(state.getPhase());
        copy.setMessage(state.getMessage());
        copy.setStartedAt(state.getStartedAt());
        copy.setFinishedAt(state.getFinishedAt());
        copy.setRetryCount(state.getRetryCount());
        copy.setSyncResult(state.getSyncResult());
        state.getUnknownFields().forEach(copy::setUnknownField);
        return copy;
    }

    private boolean sameStatus(ApplicationStatus before, ApplicationStatus after) {
        if (before == null || after == null) {
            return before == after;
        }
        return Objects.equals(serialization.convertValue(before, Map.class), serialization.convertValue(after, Map.class));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
