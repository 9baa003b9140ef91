package dev.capstan.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * One successful sync, kept for history and rollback.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionHistory extends KeepsUnknownFields {

    @JsonPropertyDescription("Increases with every sync.")
    private Long id;

    @JsonPropertyDescription("The commit that was deployed.")
    private String revision;

    @JsonPropertyDescription("RFC 3339 time.")
    private String deployedAt;
    private InitiatedBy initiatedBy;

    @JsonPropertyDescription("The source as it was when deployed.")
    private ApplicationSource source;

    @JsonPropertyDescription("The commits deployed, one per source in order, for an application with sources.")
    private List<String> revisions;

    @JsonPropertyDescription("The sources as they were when deployed, for an application with sources.")
    private List<ApplicationSource> sources;

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

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getDeployedAt() {
        return deployedAt;
    }

    public void setDeployedAt(String deployedAt) {
        this.deployedAt = deployedAt;
    }

    public InitiatedBy getInitiatedBy() {
        return initiatedBy;
    }

    public void setInitiatedBy(InitiatedBy initiatedBy) {
        this.initiatedBy = initiatedBy;
    }

    public ApplicationSource getSource() {
        return source;
    }

    public void setSource(ApplicationSource source) {
        this.source = source;
    }
}
