package dev.capstan.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * What the controller last observed and did for the application.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationStatus extends KeepsUnknownFields {

    @JsonPropertyDescription("Whether the live state matches Git.")
    private Sync sync;

    @JsonPropertyDescription("The worst health of the application's resources.")
    private HealthState health;
    private List<ResourceStatus> resources;
    private OperationState operationState;
    private List<RevisionHistory> history;
    private List<ApplicationCondition> conditions;

    @JsonPropertyDescription("RFC 3339 time of the last comparison.")
    private String reconciledAt;

    @JsonPropertyDescription("The metadata.generation the status describes.")
    private Long observedGeneration;
    private Summary summary;
    private List<InventoryEntry> inventory;

    public Sync getSync() {
        return sync;
    }

    public void setSync(Sync sync) {
        this.sync = sync;
    }

    public HealthState getHealth() {
        return health;
    }

    public void setHealth(HealthState health) {
        this.health = health;
    }

    public List<ResourceStatus> getResources() {
        return resources;
    }

    public void setResources(List<ResourceStatus> resources) {
        this.resources = resources;
    }

    public OperationState getOperationState() {
        return operationState;
    }

    public void setOperationState(OperationState operationState) {
        this.operationState = operationState;
    }

    public List<RevisionHistory> getHistory() {
        return history;
    }

    public void setHistory(List<RevisionHistory> history) {
        this.history = history;
    }

    public List<ApplicationCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<ApplicationCondition> conditions) {
        this.conditions = conditions;
    }

    public String getReconciledAt() {
        return reconciledAt;
    }

    public void setReconciledAt(String reconciledAt) {
        this.reconciledAt = reconciledAt;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Summary getSummary() {
        return summary;
    }

    public void setSummary(Summary summary) {
        this.summary = summary;
    }

    public List<InventoryEntry> getInventory() {
        return inventory;
    }

    public void setInventory(List<InventoryEntry> inventory) {
        this.inventory = inventory;
    }

    /**
     * The result of the last comparison of desired and live state.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Sync extends KeepsUnknownFields {

        @JsonPropertyDescription("Synced, OutOfSync or Unknown.")
        private String status;

        @JsonPropertyDescription("The commit compared.")
        private String revision;

        @JsonPropertyDescription("The commits compared, one per source in order, for an application with sources.")
        private List<String> revisions;

        public List<String> getRevisions() {
            return revisions;
        }

        public void setRevisions(List<String> revisions) {
            this.revisions = revisions;
        }

        @JsonPropertyDescription("The spec the comparison used.")
        private ComparedTo comparedTo;

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        public String getRevision() {
            return revision;
        }

        public void setRevision(String revision) {
            this.revision = revision;
        }

        public ComparedTo getComparedTo() {
            return comparedTo;
        }

        public void setComparedTo(ComparedTo comparedTo) {
            this.comparedTo = comparedTo;
        }
    }

    /**
     * The parts of the spec a comparison used, to tell when it is stale.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ComparedTo extends KeepsUnknownFields {

        private ApplicationSource source;
        private List<ApplicationSource> sources;
        private ApplicationDestination destination;
        private List<IgnoreDifference> ignoreDifferences;

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

        public List<IgnoreDifference> getIgnoreDifferences() {
            return ignoreDifferences;
        }

        public void setIgnoreDifferences(List<IgnoreDifference> ignoreDifferences) {
            this.ignoreDifferences = ignoreDifferences;
        }
    }

    /**
     * A summary of the application for lists.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Summary extends KeepsUnknownFields {

        @JsonPropertyDescription("Container images the application runs.")
        private List<String> images;

        public List<String> getImages() {
            return images;
        }

        public void setImages(List<String> images) {
            this.images = images;
        }
    }
}
