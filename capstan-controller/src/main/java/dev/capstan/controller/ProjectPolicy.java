package dev.capstan.controller;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.GroupKindRef;
import dev.capstan.api.v1alpha1.ProjectDestination;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;

/**
 * What an AppProject allows: source repositories, destinations (server and namespace globs),
 * cluster-scoped kinds (none unless listed) and namespaced kinds (all unless listed). Pure: the
 * answer is the list of violations, each naming what is not allowed; an application with any is
 * not applied at all. A missing project named {@code default} allows everything, so a cluster
 * without projects works; any other missing project is a violation.
 */
final class ProjectPolicy {

    static final String DEFAULT_PROJECT = "default";

    private ProjectPolicy() {
    }

    static List<String> violations(String projectName, Optional<AppProject> project, ApplicationSource source,
                                   ApplicationDestination destination, List<Manifest> desired,
                                   Function<GroupKind, Optional<Boolean>> namespaced) {
        return violations(projectName, project, List.of(source), destination, desired, namespaced);
    }

    /** The violations of an application with several sources: each source's repository must be permitted. */
    static List<String> violations(String projectName, Optional<AppProject> project, List<ApplicationSource> sources,
                                   ApplicationDestination destination, List<Manifest> desired,
                                   Function<GroupKind, Optional<Boolean>> namespaced) {
        if (project.isEmpty()) {
            return projectName.equals(DEFAULT_PROJECT) ? List.of()
                    : List.of("project '" + projectName + "' does not exist");
        }
        AppProjectSpec spec = Objects.requireNonNullElseGet(project.get().getSpec(), AppProjectSpec::new);
        List<String> violations = new ArrayList<>();
        sources.stream().map(ApplicationSource::getRepoURL).distinct()
                .filter(repository -> !anyGlob(spec.getSourceRepos(), repository))
                .forEach(repository -> violations.add("repository " + repository + " is not permitted in project '" + projectName + "'"));
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(Objects.requireNonNullElse(destination.getNamespace(), ""));
        Set<String> refused = new LinkedHashSet<>();
        for (Manifest manifest : desired) {
            GroupKind kind = manifest.groupKind();
            boolean isNamespaced = !manifest.namespace().isEmpty() || namespaced.apply(kind).orElse(true);
            if (isNamespaced) {
                namespaces.add(manifest.namespace());
                if ((!empty(spec.getNamespaceResourceWhitelist()) && !listed(spec.getNamespaceResourceWhitelist(), kind))
                        || listed(spec.getNamespaceResourceBlacklist(), kind)) {
                    refused.add("namespaced kind " + kind + " is not permitted in project '" + projectName + "'");
                }
            } else if (!listed(spec.getClusterResourceWhitelist(), kind) || listed(spec.getClusterResourceBlacklist(), kind)) {
                refused.add("cluster-scoped kind " + kind + " (" + manifest.key() + ") is not permitted in project '" + projectName + "'");
            }
        }
        for (String namespace : namespaces) {
            if (!namespace.isEmpty() && !destinationAllowed(spec.getDestinations(), destination, namespace)) {
                violations.add("destination " + describe(destination) + " namespace " + namespace
                        + " is not permitted in project '" + projectName + "'");
            }
        }
        violations.addAll(refused);
        return violations;
    }

    private static boolean destinationAllowed(List<ProjectDestination> allowed, ApplicationDestination destination, String namespace) {
        if (allowed == null) {
            return false;
        }
        for (ProjectDestination entry : allowed) {
            boolean cluster = destination.getServer() != null
                    ? glob(Objects.requireNonNullElse(entry.getServer(), entry.getName() == null ? "*" : ""), destination.getServer())
                    : glob(Objects.requireNonNullElse(entry.getName(), entry.getServer() == null ? "*" : ""), destination.getName());
            if (cluster && glob(Objects.requireNonNullElse(entry.getNamespace(), "*"), namespace)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ApplicationDestination destination) {
        return destination.getServer() != null ? destination.getServer() : "cluster " + destination.getName();
    }

    private static boolean empty(List<GroupKindRef> kinds) {
        return kinds == null || kinds.isEmpty();
    }

    private static boolean listed(List<GroupKindRef> kinds, GroupKind kind) {
        if (kinds == null) {
            return false;
        }
        return kinds.stream().anyMatch(ref -> glob(Objects.requireNonNullElse(ref.getGroup(), ""), kind.group())
                && glob(Objects.requireNonNullElse(ref.getKind(), ""), kind.kind()));
    }

    private static boolean anyGlob(List<String> globs, String value) {
        return globs != null && globs.stream().anyMatch(glob -> glob(glob, value));
    }

    /** A glob where {@code *} matches any run of characters; everything else is literal. */
    static boolean glob(String glob, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), value);
    }
}
