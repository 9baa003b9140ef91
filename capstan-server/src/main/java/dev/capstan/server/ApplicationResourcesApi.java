package dev.capstan.server;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.auth.AccessControl.Principal;
import dev.capstan.controller.ApplicationView;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.health.HealthAssessor;

/**
 * What the UI shows of an application's objects: its resource tree, desired against live state,
 * one live manifest, and Events. Reading any of them needs {@code get} on the application; a
 * resource asked for by name must belong to its tree.
 */
final class ApplicationResourcesApi {

    private final Guard guard;
    private final ApplicationStore store;
    private final ApplicationView controller;
    private final ClusterClient cluster;
    private final KubernetesClient client;
    private final HealthAssessor health = HealthAssessor.builtIn();

    ApplicationResourcesApi(Guard guard, ApplicationStore store, ApplicationView controller, ClusterClient cluster, KubernetesClient client) {
        this.guard = guard;
        this.store = store;
        this.controller = controller;
        this.cluster = cluster;
        this.client = client;
    }

    Reply tree(Request request) {
        Application application = readable(request);
        return Reply.json(Map.of("nodes", tree(application)));
    }

    Reply managedResources(Request request) {
        Application application = readable(request);
        var items = new ManagedResources(cluster).of(application, controller.desiredState(application.getMetadata().getName()));
        return Reply.json(Map.of("items", items));
    }

    Reply resource(Request request) {
        Application application = readable(request);
        String kind = request.query("kind").orElseThrow(() -> ApiError.invalid("kind is required"));
        String name = request.query("resourceName").orElseThrow(() -> ApiError.invalid("resourceName is required"));
        var key = new ResourceKey(request.query("group").orElse(""), kind, request.query("namespace").orElse(""), name);
        boolean inTree = tree(application).stream().anyMatch(node -> node.group().equals(key.group()) && node.kind().equals(key.kind())
                && Objects.requireNonNullElse(node.namespace(), "").equals(key.namespace()) && node.name().equals(key.name())
                && node.uid() != null);
        if (!inTree) {
            throw ApiError.notFound(key + " is not a resource of application " + application.getMetadata().getName());
        }
        Manifest live = cluster.get(key).orElseThrow(() -> ApiError.notFound(key + " not found"));
        var masked = new SecretMasking().mask(live.copyObject());
        return Reply.json(Map.of("manifest", dev.capstan.engine.ManifestFormat.JSON.writeValueAsString(masked)));
    }

    Reply events(Request request) {
        Application application = readable(request);
        Optional<String> resourceName = request.query("resourceName");
        Optional<String> resourceUid = request.query("resourceUID");
        List<Event> events;
        if (resourceName.isEmpty() && resourceUid.isEmpty()) {
            String name = application.getMetadata().getName();
            events = client.v1().events().inNamespace(store.namespace()).list().getItems().stream()
                    .filter(event -> event.getInvolvedObject() != null && name.equals(event.getInvolvedObject().getName())
                            && Application.class.getSimpleName().equals(event.getInvolvedObject().getKind()))
                    .toList();
        } else {
            String namespace = request.query("resourceNamespace").orElse("");
            List<TreeNode> nodes = tree(application);
            Optional<TreeNode> node = nodes.stream().filter(candidate -> candidate.uid() != null
                            && resourceUid.map(candidate.uid()::equals).orElse(true)
                            && resourceName.map(candidate.name()::equals).orElse(true)
                            && (namespace.isEmpty() || namespace.equals(candidate.namespace())))
                    .findFirst();
            if (node.isEmpty()) {
                throw ApiError.notFound("no resource " + resourceName.orElse(resourceUid.orElse("")) + " in application "
                        + application.getMetadata().getName());
            }
            TreeNode found = node.get();
            var scope = found.namespace() == null || found.namespace().isEmpty()
                    ? client.v1().events().inAnyNamespace() : client.v1().events().inNamespace(found.namespace());
            events = scope.list().getItems().stream()
                    .filter(event -> event.getInvolvedObject() != null && found.uid().equals(event.getInvolvedObject().getUid()))
                    .toList();
        }
        List<Event> sorted = events.stream()
                .sorted(Comparator.comparing((Event event) -> Objects.requireNonNullElse(event.getLastTimestamp(),
                        Objects.requireNonNullElse(event.getEventTime() == null ? null : event.getEventTime().getTime(), ""))))
                .toList();
        return Reply.json(Map.of("items", sorted));
    }

    private Application readable(Request request) {
        Principal principal = guard.principal(request);
        Application application = store.get(request.path("name"));
        guard.require(principal, Guard.APPLICATIONS, "get", Guard.object(application));
        return application;
    }

    private List<TreeNode> tree(Application application) {
        List<ResourceStatus> rows = application.getStatus() == null || application.getStatus().getResources() == null
                ? List.of() : application.getStatus().getResources();
        var live = controller.liveState();
        rows.forEach(row -> live.watch(new GroupKind(Objects.requireNonNullElse(row.getGroup(), ""), row.getKind())));
        return ResourceTree.build(rows, live::get, live::childrenOf, health);
    }
}
