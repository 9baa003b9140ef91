package dev.capstan.server;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClientException;

import dev.capstan.api.Finalizers;
import dev.capstan.api.OperationRequests;
import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.OperationState;
import dev.capstan.api.v1alpha1.RevisionHistory;
import dev.capstan.auth.AccessControl.Principal;
import dev.capstan.controller.CapstanController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Application calls of the contract: list, get (and refresh), create, update, delete, and the
 * operations (sync, rollback, terminate), each written the way {@code capstan app} writes them.
 * Every call asks the {@link Guard} before it changes anything.
 */
final class ApplicationApi {

    private final Guard guard;
    private final ApplicationStore store;
    private final Supplier<List<Application>> cached;
    private final io.fabric8.kubernetes.client.KubernetesClient client;

    ApplicationApi(Guard guard, ApplicationStore store, Supplier<List<Application>> cached, io.fabric8.kubernetes.client.KubernetesClient client) {
        this.guard = guard;
        this.store = store;
        this.cached = cached;
        this.client = client;
    }

    Reply list(Request request) {
        Principal principal = guard.principal(request);
        ApplicationFilter filter = ApplicationFilter.of(request);
        List<Application> items = cached.get().stream()
                .filter(filter::matches)
                .filter(application -> guard.may(principal, Guard.APPLICATIONS, "get", Guard.object(application)))
                .sorted(Comparator.comparing(application -> application.getMetadata().getName()))
                .toList();
        return Reply.json(Map.of("items", items));
    }

    Reply get(Request request) {
        Principal principal = guard.principal(request);
        Application application = store.get(request.path("name"));
        guard.require(principal, Guard.APPLICATIONS, "get", Guard.object(application));
        var refresh = request.query("refresh");
        if (refresh.isPresent()) {
            if (!refresh.get().equals("normal") && !refresh.get().equals("hard")) {
                throw ApiError.invalid("refresh must be normal or hard, not " + refresh.get());
            }
            application = store.annotate(application.getMetadata().getName(), CapstanController.REFRESH_ANNOTATION, refresh.get());
        }
        return Reply.json(application);
    }

    Reply create(Request request) {
        Principal principal = guard.principal(request);
        Application desired = readApplication(request.body());
        guard.require(principal, Guard.APPLICATIONS, "create", Guard.object(desired));
        boolean upsert = request.flag("upsert", false);
        requireProject(Guard.project(desired));
        String name = desired.getMetadata().getName();
        var existing = store.find(name);
        if (existing.isEmpty()) {
            try {
                return Reply.json(store.create(desired));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                existing = store.find(name);
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        Application current = existing.get();
        if (sameDefinition(current, desired)) {
            return Reply.json(current);
        }
        if (!upsert) {
            throw ApiError.alreadyExists("application " + name + " already exists and differs; pass upsert=true to replace it");
        }
        guard.require(principal, Guard.APPLICATIONS, "update", Guard.object(current));
        return Reply.json(store.change(name, application -> replaceDefinition(application, desired)));
    }

    Reply update(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        Application desired = readApplication(request.body());
        if (!name.equals(desired.getMetadata().getName())) {
            throw ApiError.invalid("metadata.name " + desired.getMetadata().getName() + " does not match the path's " + name);
        }
        Application current = store.get(name);
        guard.require(principal, Guard.APPLICATIONS, "update", Guard.object(current));
        if (!Guard.object(current).equals(Guard.object(desired))) {
            guard.require(principal, Guard.APPLICATIONS, "update", Guard.object(desired));
            requireProject(Guard.project(desired));
        }
        String expectedVersion = desired.getMetadata().getResourceVersion();
        return Reply.json(store.change(name, application -> {
            if (expectedVersion != null && !expectedVersion.equals(application.getMetadata().getResourceVersion())) {
                throw ApiError.conflict("application " + name + " changed meanwhile (resourceVersion " + expectedVersion + " is not "
                        + application.getMetadata().getResourceVersion() + "); read it again");
            }
            return replaceDefinition(application, desired);
        }));
    }

    Reply delete(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        Application current = store.get(name);
        guard.require(principal, Guard.APPLICATIONS, "delete", Guard.object(current));
        boolean cascade = request.flag("cascade", true);
        if (current.getMetadata().getDeletionTimestamp() == null) {
            store.change(name, application -> Finalizers.withResourcesFinalizer(application, cascade));
            store.delete(name);
        } else if (!cascade) {
            store.change(name, application -> Finalizers.withResourcesFinalizer(application, false));
        }
        return Reply.empty();
    }

    Reply sync(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        Application current = store.get(name);
        guard.require(principal, Guard.APPLICATIONS, "sync", Guard.object(current));
        var sync = SyncBody.read(Json.body(request.body()));
        return Reply.json(store.change(name, application -> {
            refuseIfBusy(application);
            application.setOperation(OperationRequests.of(sync, principal.username()));
            return application;
        }));
    }

    Reply rollback(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        Application current = store.get(name);
        guard.require(principal, Guard.APPLICATIONS, "rollback", Guard.object(current));
        ObjectNode body = Json.body(request.body());
        JsonNode idNode = body.get("id");
        if (idNode != null && !idNode.isNull() && !idNode.canConvertToLong()) {
            throw ApiError.invalid("id must be the number of a history entry");
        }
        Long id = idNode == null || idNode.isNull() ? null : idNode.asLong();
        boolean prune = Json.bool(body, "prune");
        boolean dryRun = Json.bool(body, "dryRun");
        return Reply.json(store.change(name, application -> {
            if (OperationRequests.syncsAutomatically(application)) {
                throw ApiError.invalid("rollback of " + name + " refused: it syncs automatically, which would undo the rollback; "
                        + "turn automated sync off first");
            }
            RevisionHistory entry = OperationRequests.rollbackEntry(application, id).orElseThrow(() -> ApiError.invalid(id == null
                    ? "application " + name + " has no earlier history entry to roll back to"
                    : "application " + name + " has no history entry " + id));
            refuseIfBusy(application);
            application.setOperation(OperationRequests.of(OperationRequests.rollbackTo(entry, prune, dryRun), principal.username()));
            return application;
        }));
    }

    Reply terminate(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        Application current = store.get(name);
        guard.require(principal, Guard.APPLICATIONS, "sync", Guard.object(current));
        if (current.getOperation() != null) {
            store.change(name, application -> {
                application.setOperation(null);
                return application;
            });
            return Reply.empty();
        }
        OperationState state = current.getStatus() == null ? null : current.getStatus().getOperationState();
        if (!OperationRequests.isRunning(state)) {
            throw ApiError.invalid("no operation of application " + name + " is in progress");
        }
        throw ApiError.conflict("the sync of application " + name + " is running and cannot be stopped yet: the controller "
                + "finishes it (a requested sync that has not started can be withdrawn)");
    }

    // --- small things ----------------------------------------------------------------------

    private static void refuseIfBusy(Application application) {
        OperationRequests.busy(application).ifPresent(busy -> {
            throw ApiError.conflict("application " + application.getMetadata().getName() + ": " + busy.description());
        });
    }

    private Application readApplication(String body) {
        ObjectNode tree = Json.body(body);
        Application application = Json.convert(tree, Application.class, "the Application");
        String name = application.getMetadata() == null ? null : application.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw ApiError.invalid("metadata.name is required");
        }
        if (application.getSpec() == null) {
            throw ApiError.invalid("spec is required");
        }
        String namespace = application.getMetadata().getNamespace();
        if (namespace != null && !namespace.isBlank() && !namespace.equals(store.namespace())) {
            throw ApiError.invalid("metadata.namespace " + namespace + ": Applications live in " + store.namespace());
        }
        application.getMetadata().setNamespace(store.namespace());
        application.setStatus(null);
        application.setOperation(null);
        return application;
    }

    private void requireProject(String project) {
        if (client.resources(AppProject.class).inNamespace(store.namespace()).withName(project).get() == null) {
            throw ApiError.invalid("the application's project " + project + " does not exist");
        }
    }

    private static boolean sameDefinition(Application current, Application desired) {
        return Json.tree(current.getSpec()).equals(Json.tree(desired.getSpec()))
                && Objects.equals(orEmpty(current.getMetadata().getLabels()), orEmpty(desired.getMetadata().getLabels()))
                && Objects.equals(orEmpty(current.getMetadata().getAnnotations()), orEmpty(desired.getMetadata().getAnnotations()));
    }

    private static Application replaceDefinition(Application application, Application desired) {
        application.setSpec(desired.getSpec());
        application.getMetadata().setLabels(new LinkedHashMap<>(orEmpty(desired.getMetadata().getLabels())));
        application.getMetadata().setAnnotations(new LinkedHashMap<>(orEmpty(desired.getMetadata().getAnnotations())));
        if (desired.getMetadata().getFinalizers() != null) {
            application.getMetadata().setFinalizers(desired.getMetadata().getFinalizers());
        }
        return application;
    }


    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
