package dev.capstan.api.v1alpha1;

import java.util.List;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A request to act on an application, written by the CLI or UI into the Application's
 * top-level {@code operation} field. The controller clears it when it starts the operation and
 * records it in {@code status.operationState}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Operation extends KeepsUnknownFields {

    @JsonPropertyDescription("Sync the application.")
    private SyncOperation sync;

    @JsonPropertyDescription("Who asked.")
    private InitiatedBy initiatedBy;

    @JsonPropertyDescription("How this operation is retried when it fails.")
    private RetryStrategy retry;

    public SyncOperation getSync() {
        return sync;
    }

    public void setSync(SyncOperation sync) {
        this.sync = sync;
    }

    public InitiatedBy getInitiatedBy() {
        return initiatedBy;
    }

    public void setInitiatedBy(InitiatedBy initiatedBy) {
        this.initiatedBy = initiatedBy;
    }

    public RetryStrategy getRetry() {
        return retry;
    }

    public void setRetry(RetryStrategy retry) {
        this.retry = retry;
    }

    /**
     * A sync request.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SyncOperation extends KeepsUnknownFields {

        @JsonPropertyDescription("Revision to sync to; the target revision when empty.")
        private String revision;

        @JsonPropertyDescription("Delete resources that are no longer in Git.")
        private Boolean prune;

        @JsonPropertyDescription("Go through the sync with server-side dry runs and change nothing.")
        private Boolean dryRun;

        @JsonPropertyDescription("Sync only these resources.")
        private List<SyncOperationResource> resources;

        @JsonPropertyDescription("Sync options for this sync only.")
        private List<String> syncOptions;

        @JsonPropertyDescription("Source to sync instead of spec.source: a rollback names the source of a history entry.")
        private ApplicationSource source;

        @JsonPropertyDescription("The history id this sync rolls back to, when it is a rollback.")
        private Long rollbackTo;

        @JsonPropertyDescription("For an application of several sources: the revision of each, in the order of spec.sources.")
        private List<String> revisions;

        @JsonPropertyDescription("For an application of several sources: sources to sync instead of spec.sources (a rollback names a history entry's).")
        private List<ApplicationSource> sources;

        public String getRevision() {
            return revision;
        }

        public void setRevision(String revision) {
            this.revision = revision;
        }

        public Boolean getPrune() {
            return prune;
        }

        public void setPrune(Boolean prune) {
            this.prune = prune;
        }

        public Boolean getDryRun() {
            return dryRun;
        }

        public void setDryRun(Boolean dryRun) {
            this.dryRun = dryRun;
        }

        public List<SyncOperationResource> getResources() {
            return resources;
        }

        public void setResources(List<SyncOperationResource> resources) {
            this.resources = resources;
        }

        public List<String> getSyncOptions() {
            return syncOptions;
        }

        public void setSyncOptions(List<String> syncOptions) {
            this.syncOptions = syncOptions;
        }

        public ApplicationSource getSource() {
            return source;
        }

        public void setSource(ApplicationSource source) {
            this.source = source;
        }

        public Long getRollbackTo() {
            return rollbackTo;
        }

        public void setRollbackTo(Long rollbackTo) {
            this.rollbackTo = rollbackTo;
        }

        public List<String> getRevisions() {
            return revisions;
        }

        public void setRevisions(List<String> revisions) {
            this.revisions = revisions;
        }

        public List<ApplicationSource> getSources() {
            return sources;
        }

        public void setSources(List<ApplicationSource> sources) {
            this.sources = sources;
        }
    }

    /**
     * One resource of a selective sync.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SyncOperationResource extends KeepsUnknownFields {

        @JsonPropertyDescription("API group; empty for the core group.")
        private String group;

        @JsonPropertyDescription("Kind.")
        @Required
        private String kind;

        @JsonPropertyDescription("Namespace; empty for cluster-scoped resources.")
        private String namespace;

        @JsonPropertyDescription("Name.")
        @Required
        private String name;

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
