package dev.capstan.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * What the applications of a project may deploy, from where and to where, who may act on them,
 * and when they may be synced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppProjectSpec extends KeepsUnknownFields {

    private String description;

    @JsonPropertyDescription("Globs of the repository URLs applications may use.")
    private List<String> sourceRepos;

    @JsonPropertyDescription("Clusters and namespaces applications may deploy to.")
    private List<ProjectDestination> destinations;

    @JsonPropertyDescription("Cluster-scoped kinds applications may deploy; none when empty.")
    private List<GroupKindRef> clusterResourceWhitelist;

    @JsonPropertyDescription("Cluster-scoped kinds applications may not deploy.")
    private List<GroupKindRef> clusterResourceBlacklist;

    @JsonPropertyDescription("Namespaced kinds applications may deploy; all when empty.")
    private List<GroupKindRef> namespaceResourceWhitelist;

    @JsonPropertyDescription("Namespaced kinds applications may not deploy.")
    private List<GroupKindRef> namespaceResourceBlacklist;
    private List<ProjectRole> roles;

    @JsonPropertyDescription("Times when syncs are allowed or denied.")
    private List<SyncWindow> syncWindows;

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getSourceRepos() {
        return sourceRepos;
    }

    public void setSourceRepos(List<String> sourceRepos) {
        this.sourceRepos = sourceRepos;
    }

    public List<ProjectDestination> getDestinations() {
        return destinations;
    }

    public void setDestinations(List<ProjectDestination> destinations) {
        this.destinations = destinations;
    }

    public List<GroupKindRef> getClusterResourceWhitelist() {
        return clusterResourceWhitelist;
    }

    public void setClusterResourceWhitelist(List<GroupKindRef> clusterResourceWhitelist) {
        this.clusterResourceWhitelist = clusterResourceWhitelist;
    }

    public List<GroupKindRef> getClusterResourceBlacklist() {
        return clusterResourceBlacklist;
    }

    public void setClusterResourceBlacklist(List<GroupKindRef> clusterResourceBlacklist) {
        this.clusterResourceBlacklist = clusterResourceBlacklist;
    }

    public List<GroupKindRef> getNamespaceResourceWhitelist() {
        return namespaceResourceWhitelist;
    }

    public void setNamespaceResourceWhitelist(List<GroupKindRef> namespaceResourceWhitelist) {
        this.namespaceResourceWhitelist = namespaceResourceWhitelist;
    }

    public List<GroupKindRef> getNamespaceResourceBlacklist() {
        return namespaceResourceBlacklist;
    }

    public void setNamespaceResourceBlacklist(List<GroupKindRef> namespaceResourceBlacklist) {
        this.namespaceResourceBlacklist = namespaceResourceBlacklist;
    }

    public List<ProjectRole> getRoles() {
        return roles;
    }

    public void setRoles(List<ProjectRole> roles) {
        this.roles = roles;
    }

    public List<SyncWindow> getSyncWindows() {
        return syncWindows;
    }

    public void setSyncWindows(List<SyncWindow> syncWindows) {
        this.syncWindows = syncWindows;
    }
}
