package dev.capstan.server;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.auth.AccessControl.Principal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The AppProject calls: list, get, create (with upsert) and delete, which a project still in use refuses. */
final class ProjectApi {

    private final Guard guard;
    private final KubernetesClient client;
    private final String namespace;
    private final Supplier<List<Application>> applications;

    ProjectApi(Guard guard, KubernetesClient client, String namespace, Supplier<List<Application>> applications) {
        this.guard = guard;
        this.client = client;
        this.namespace = namespace;
        this.applications = applications;
    }

    Reply list(Request request) {
        Principal principal = guard.principal(request);
        List<AppProject> items = projects().list().getItems().stream()
                .filter(project -> guard.may(principal, Guard.PROJECTS, "get", project.getMetadata().getName()))
                .sorted(Comparator.comparing(project -> project.getMetadata().getName()))
                .toList();
        return Reply.json(Map.of("items", items));
    }

    Reply get(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        guard.require(principal, Guard.PROJECTS, "get", name);
        AppProject project = projects().withName(name).get();
        if (project == null) {
            throw ApiError.notFound("project " + name + " not found");
        }
        return Reply.json(project);
    }

    Reply create(Request request) {
        Principal principal = guard.principal(request);
        ObjectNode body = Json.body(request.body());
        JsonNode projectNode = body.get("project");
        if (!(projectNode instanceof ObjectNode)) {
            throw ApiError.invalid("project is required: {\"project\": AppProject, \"upsert\": false}");
        }
        AppProject desired = Json.convert(projectNode, AppProject.class, "project");
        String name = desired.getMetadata() == null ? null : desired.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw ApiError.invalid("project.metadata.name is required");
        }
        guard.require(principal, Guard.PROJECTS, "create", name);
        boolean upsert = Json.bool(body, "upsert");
        desired.getMetadata().setNamespace(namespace);
        desired.getMetadata().setResourceVersion(null);
        AppProject existing = projects().withName(name).get();
        if (existing == null) {
            return Reply.json(projects().resource(desired).create());
        }
        if (Json.tree(existing.getSpec()).equals(Json.tree(desired.getSpec()))) {
            return Reply.json(existing);
        }
        if (!upsert) {
            throw ApiError.alreadyExists("project " + name + " already exists and differs; pass \"upsert\": true to replace it");
        }
        guard.require(principal, Guard.PROJECTS, "update", name);
        existing.setSpec(desired.getSpec());
        return Reply.json(projects().resource(existing).update());
    }

    Reply delete(Request request) {
        Principal principal = guard.principal(request);
        String name = request.path("name");
        guard.require(principal, Guard.PROJECTS, "delete", name);
        if (projects().withName(name).get() == null) {
            throw ApiError.notFound("project " + name + " not found");
        }
        long users = applications.get().stream().filter(application -> Guard.project(application).equals(name)).count();
        if (users > 0) {
            throw ApiError.conflict("project " + name + " is used by " + users + " application" + (users == 1 ? "" : "s"));
        }
        projects().withName(name).delete();
        return Reply.empty();
    }

    private NonNamespaceOperation<AppProject, KubernetesResourceList<AppProject>, Resource<AppProject>> projects() {
        return client.resources(AppProject.class).inNamespace(namespace);
    }
}
