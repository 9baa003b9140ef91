package dev.capstan.api.v1alpha1;

import java.util.List;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * What an application deploys and where: its source (or sources), its destination, and the
 * policy for syncing it.
 */
@ValidationRule(value = "has(self.source) || has(self.sources)", message = "set source or sources")
@ValidationRule(value = "!(has(self.source) && has(self.sources))", message = "set source or sources, not both")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSpec extends KeepsUnknownFields {

    @JsonPropertyDescription("The AppProject the application belongs to.")
    @Default("default")
    private String project;

    @JsonPropertyDescription("The single source of manifests; or use sources.")
    private ApplicationSource source;

    @JsonPropertyDescription("Several sources rendered into one application; or use source.")
    private List<ApplicationSource> sources;

    @JsonPropertyDescription("Cluster and namespace to deploy to.")
    @Required
    private ApplicationDestination destination;

    @JsonPropertyDescription("Automatic sync, sync options and retry.")
    private SyncPolicy syncPolicy;

    @JsonPropertyDescription("Differences left out of the comparison.")
    private List<IgnoreDifference> ignoreDifferences;

    @JsonPropertyDescription("Applications that must be Healthy before this one syncs.")
    private List<ApplicationDependency> dependsOn;

    @JsonPropertyDescription("How many past syncs status.history keeps.")
    @Default("10")
    @Min(0)
    private Long revisionHistoryLimit;

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public ApplicationSource getSource() {
        return source;
    }

    public void setSource(ApplicationSource source) {
        this.source = source;
    }

    public List<ApplicationSource> getSources() {
        return sources;
    }

    public void setSources(List<ApplicationSource> sources) {
        this.sources = sources;
    }

    public ApplicationDestination getDestination() {
        return destination;
    }

    public void setDestination(ApplicationDestination destination) {
        this.destination = destination;
    }

    public SyncPolicy getSyncPolicy() {
        return syncPolicy;
    }

    public void setSyncPolicy(SyncPolicy syncPolicy) {
        this.syncPolicy = syncPolicy;
    }

    public List<IgnoreDifference> getIgnoreDifferences() {
        return ignoreDifferences;
    }

    public void setIgnoreDifferences(List<IgnoreDifference> ignoreDifferences) {
        this.ignoreDifferences = ignoreDifferences;
    }

    public List<ApplicationDependency> getDependsOn() {
        return dependsOn;
    }

    public void setDependsOn(List<ApplicationDependency> dependsOn) {
        this.dependsOn = dependsOn;
    }

    public Long getRevisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    public void setRevisionHistoryLimit(Long revisionHistoryLimit) {
        this.revisionHistoryLimit = revisionHistoryLimit;
    }
}
