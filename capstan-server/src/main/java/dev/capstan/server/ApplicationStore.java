package dev.capstan.server;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import dev.capstan.api.v1alpha1.Application;

/**
 * The Applications of the controller's namespace as the API reads and writes them, on the API
 * server (not the controller's cache: an answer right after a write must show it). A change is a
 * read-modify-write guarded by the resourceVersion and tried again when someone wrote between.
 */
final class ApplicationStore {

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;

    ApplicationStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    Optional<Application> find(String name) {
        return Optional.ofNullable(applications().withName(name).get());
    }

    Application get(String name) {
        return find(name).orElseThrow(() -> ApiError.notFound("application " + name + " not found"));
    }

    Application create(Application application) {
        application.getMetadata().setNamespace(namespace);
        return applications().resource(application).create();
    }

    Application update(Application application) {
        return applications().resource(application).update();
    }

    /** Lets {@code edit} change a copy of the current Application and writes it back if it changed; reads again after a conflict. */
    Application change(String name, UnaryOperator<Application> edit) {
        for (int attempt = 1; ; attempt++) {
            Application current = get(name);
            Application changed = edit.apply(Json.SERIALIZATION.clone(current));
            if (Json.tree(changed).equals(Json.tree(current))) {
                return current;
            }
            try {
                return applications().resource(changed).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }


    Application annotate(String name, String annotation, String value) {
        String patch = Json.write(Map.of("metadata", Map.of("annotations", Map.of(annotation, value))));
        return applications().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    void delete(String name) {
        applications().withName(name).delete();
    }

    private NonNamespaceOperation<Application, KubernetesResourceList<Application>, Resource<Application>> applications() {
        return client.resources(Application.class).inNamespace(namespace);
    }
}
