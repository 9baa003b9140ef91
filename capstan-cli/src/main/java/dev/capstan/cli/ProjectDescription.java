package dev.capstan.cli;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.GroupKindRef;
import dev.capstan.api.v1alpha1.ProjectDestination;
import dev.capstan.api.v1alpha1.ProjectRole;
import dev.capstan.api.v1alpha1.SyncWindow;

/** An AppProject as people read it: the summary of {@code proj get} and the short forms of {@code proj list}. */
final class ProjectDescription {

    private ProjectDescription() {
    }

    static String summary(AppProject project) {
        AppProjectSpec spec = Objects.requireNonNullElseGet(project.getSpec(), AppProjectSpec::new);
        return new LabelledLines()
                .add("Name", project.getMetadata().getNamespace() + "/" + project.getMetadata().getName())
                .add("Description", spec.getDescription())
                .add("Source repositories", orNone(joined(spec.getSourceRepos())))
                .add("Destinations", orNone(destinations(spec.getDestinations())))
                .add("Cluster kinds allowed", orNone(kinds(spec.getClusterResourceWhitelist())))
                .add("Cluster kinds denied", orNone(kinds(spec.getClusterResourceBlacklist())))
                .add("Namespaced kinds allowed", spec.getNamespaceResourceWhitelist() == null
                        || spec.getNamespaceResourceWhitelist().isEmpty() ? "all" : kinds(spec.getNamespaceResourceWhitelist()))
                .add("Namespaced kinds denied", orNone(kinds(spec.getNamespaceResourceBlacklist())))
                .add("Roles", orNone(joined(spec.getRoles(), ProjectRole::getName)))
                .add("Sync windows", orNone(joined(spec.getSyncWindows(), ProjectDescription::window)))
                .render();
    }

    static String joined(List<String> values) {
        return joined(values, Function.identity());
    }

    static String destinations(List<ProjectDestination> destinations) {
        return joined(destinations, destination -> (destination.getServer() != null ? destination.getServer()
                : "cluster " + destination.getName()) + "," + destination.getNamespace());
    }

    private static String kinds(List<GroupKindRef> kinds) {
        return joined(kinds, kind -> (kind.getGroup() == null ? "" : kind.getGroup()) + "/" + kind.getKind());
    }

    private static String window(SyncWindow window) {
        return (window.getKind() == null ? "" : window.getKind().name().toLowerCase(Locale.ROOT) + " ") + window.getSchedule() + " for " + window.getDuration();
    }

    private static <T> String joined(List<T> values, Function<T, String> text) {
        return values == null ? "" : values.stream().map(text).collect(Collectors.joining(", "));
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "none" : text;
    }
}
