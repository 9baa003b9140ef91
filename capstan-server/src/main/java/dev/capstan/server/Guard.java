package dev.capstan.server;

import java.util.Objects;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.auth.AccessControl;
import dev.capstan.auth.AccessControl.Principal;

/**
 * Who calls and what they may do, asked of the {@link AccessControl} before a handler reads or
 * changes anything: no token or an unknown one is {@code Unauthenticated}, a denied action is
 * {@code PermissionDenied} naming the resource, action and object.
 */
final class Guard {

    static final String APPLICATIONS = "applications";
    static final String PROJECTS = "projects";
    static final String REPOSITORIES = "repositories";
    static final String ACCOUNTS = "accounts";
    static final String DEFAULT_PROJECT = "default";

    private final AccessControl access;

    Guard(AccessControl access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    AccessControl access() {
        return access;
    }

    /** The caller, or {@code Unauthenticated}. */
    Principal principal(Request request) {
        String token = request.token().orElseThrow(() -> ApiError.unauthenticated(
                "no session: log in (POST /api/v1/session) or send Authorization: Bearer <token>"));
        return access.authenticate(token).orElseThrow(() -> ApiError.unauthenticated(
                "the session or token is unknown, expired or revoked: log in again"));
    }

    /** Refuses with {@code PermissionDenied} unless the policy allows it. */
    void require(Principal principal, String resource, String action, String object) {
        if (!access.allowed(principal, resource, action, object)) {
            throw ApiError.denied(resource, action, object);
        }
    }

    boolean may(Principal principal, String resource, String action, String object) {
        return access.allowed(principal, resource, action, object);
    }

    /** The RBAC object of an application: {@code <project>/<name>}. */
    static String object(Application application) {
        return project(application) + "/" + application.getMetadata().getName();
    }

    static String project(Application application) {
        String project = application.getSpec() == null ? null : application.getSpec().getProject();
        return project == null || project.isBlank() ? DEFAULT_PROJECT : project;
    }
}
