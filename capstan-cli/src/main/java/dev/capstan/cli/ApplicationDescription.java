package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationCondition;
import dev.capstan.api.v1alpha1.ApplicationDependency;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.HealthState;
import dev.capstan.api.v1alpha1.ResourceStatus;
import dev.capstan.api.v1alpha1.SyncPolicy;

/**
 * An Application as people read it: the summary of {@code app get} (source, destination, sync
 * policy, sync and health, operation, conditions, resources) and the short forms the tables use.
 */
final class ApplicationDescription {

    private static final int SHORT_REVISION = 7;

    private ApplicationDescription() {
    }

    /** The summary of {@code app get}; wide adds the health messages of resources. */
    static String text(Application application, boolean wide) {
        ApplicationSpec spec = Objects.requireNonNullElseGet(application.getSpec(), ApplicationSpec::new);
        ApplicationStatus status = Objects.requireNonNullElseGet(application.getStatus(), ApplicationStatus::new);
        var fields = new LabelledLines();
        fields.add("Name", application.getMetadata().getNamespace() + "/" + application.getMetadata().getName());
        fields.add("Project", spec.getProject());
        for (ApplicationSource source : sources(spec)) {
            fields.add("Repository", source.getRepoURL());
            fields.add("  Path", source.getPath());
            fields.add("  Revision", source.getTargetRevision() == null ? "HEAD" : source.getTargetRevision());
            if (source.getDirectory() != null && Boolean.TRUE.equals(source.getDirectory().getRecurse())) {
                fields.add("  Directory", "recurse");
            }
        }
        fields.add("Destination", destination(spec.getDestination()));
        fields.add("Sync policy", syncPolicy(spec.getSyncPolicy()));
        if (spec.getSyncPolicy() != null && spec.getSyncPolicy().getSyncOptions() != null) {
            fields.add("Sync options", String.join(", ", spec.getSyncPolicy().getSyncOptions()));
        }
        if (spec.getDependsOn() != null && !spec.getDependsOn().isEmpty()) {
            fields.add("Depends on", String.join(", ", spec.getDependsOn().stream().map(ApplicationDescription::dependency).toList()));
        }
        fields.add("Sync status", syncStatus(status));
        fields.add("Health", health(status.getHealth()));
        if (application.getOperation() != null) {
            fields.add("Operation", "requested, not started yet" + OperationStateOutput.initiatedBy(application.getOperation().getInitiatedBy()));
        }
        if (status.getOperationState() != null) {
            fields.add("Last operation", OperationStateOutput.summary(status.getOperationState()));
        }
        if (application.getMetadata().getDeletionTimestamp() != null) {
            fields.add("Deleting", "since " + application.getMetadata().getDeletionTimestamp()
                    + ", waiting for " + application.getMetadata().getFinalizers());
        }
        var text = new StringBuilder(fields.render());
        List<ApplicationCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        if (!conditions.isEmpty()) {
            var table = new Table("CONDITION", "MESSAGE", "SINCE");
            conditions.forEach(condition -> table.row(condition.getType(), condition.getMessage(), condition.getLastTransitionTime()));
            text.append('\n').append(table.render());
        }
        List<ResourceStatus> resources = status.getResources() == null ? List.of() : status.getResources();
        if (!resources.isEmpty()) {
            text.append('\n').append(resources(resources, wide).render());
        }
        return text.toString();
    }

    /** The resource table of {@code status.resources}; wide adds the health message. */
    static Table resources(List<ResourceStatus> resources, boolean wide) {
        var table = wide ? new Table("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "MESSAGE")
                : new Table("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH");
        for (ResourceStatus resource : resources) {
            String status = Boolean.TRUE.equals(resource.getRequiresPruning()) ? resource.getStatus() + " (requires pruning)"
                    : Boolean.TRUE.equals(resource.getHook()) ? "hook" : resource.getStatus();
            String health = resource.getHealth() == null ? "" : resource.getHealth().getStatus();
            if (wide) {
                table.row(resource.getGroup(), resource.getKind(), resource.getNamespace(), resource.getName(), status, health,
                        resource.getHealth() == null ? "" : resource.getHealth().getMessage());
            } else {
                table.row(resource.getGroup(), resource.getKind(), resource.getNamespace(), resource.getName(), status, health);
            }
        }
        return table;
    }

    static List<ApplicationSource> sources(ApplicationSpec spec) {
        if (spec.getSource() != null) {
            return List.of(spec.getSource());
        }
        return spec.getSources() == null ? List.of() : spec.getSources();
    }

    static String destination(ApplicationDestination destination) {
        if (destination == null) {
            return "";
        }
        String cluster = destination.getServer() != null ? destination.getServer() : "cluster " + destination.getName();
        return destination.getNamespace() == null ? cluster : cluster + ", namespace " + destination.getNamespace();
    }

    static String syncPolicy(SyncPolicy policy) {
        if (policy == null || policy.getAutomated() == null) {
            return "manual";
        }
        SyncPolicy.Automated automated = policy.getAutomated();
        List<String> flags = new ArrayList<>();
        if (Boolean.TRUE.equals(automated.getPrune())) {
            flags.add("prune");
        }
        if (Boolean.TRUE.equals(automated.getSelfHeal())) {
            flags.add("self-heal");
        }
        if (Boolean.TRUE.equals(automated.getAllowEmpty())) {
            flags.add("allow-empty");
        }
        return flags.isEmpty() ? "automated" : "automated (" + String.join(", ", flags) + ")";
    }

    static String syncStatus(ApplicationStatus status) {
        if (status.getSync() == null || status.getSync().getStatus() == null) {
            return "Unknown";
        }
        String revision = status.getSync().getRevision();
        return revision == null || revision.isEmpty() ? status.getSync().getStatus()
                : status.getSync().getStatus() + " to " + shortRevision(revision);
    }

    static String health(HealthState health) {
        if (health == null || health.getStatus() == null) {
            return "Unknown";
        }
        return health.getMessage() == null || health.getMessage().isBlank() ? health.getStatus()
                : health.getStatus() + ": " + health.getMessage();
    }

    /** A commit SHA cut to seven digits, as Git shows it; anything else as it is. */
    static String shortRevision(String revision) {
        if (revision == null) {
            return "";
        }
        return revision.matches("[0-9a-f]{40}|[0-9a-f]{64}") ? revision.substring(0, SHORT_REVISION) : revision;
    }

    private static String dependency(ApplicationDependency dependency) {
        return dependency.getNamespace() == null ? dependency.getName() : dependency.getNamespace() + "/" + dependency.getName();
    }
}
