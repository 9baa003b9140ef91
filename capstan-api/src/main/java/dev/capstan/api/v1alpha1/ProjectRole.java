package dev.capstan.api.v1alpha1;

import java.util.List;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A role in a project: policies granted to the groups that hold it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProjectRole extends KeepsUnknownFields {

    @Required
    private String name;
    private String description;

    @JsonPropertyDescription("Policy lines, as p, proj:<project>:<role>, applications, sync, <project>/*, allow.")
    private List<String> policies;

    @JsonPropertyDescription("SSO groups that hold the role.")
    private List<String> groups;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getPolicies() {
        return policies;
    }

    public void setPolicies(List<String> policies) {
        this.policies = policies;
    }

    public List<String> getGroups() {
        return groups;
    }

    public void setGroups(List<String> groups) {
        this.groups = groups;
    }
}
