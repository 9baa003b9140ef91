package dev.capstan.api.v1alpha1;

import java.util.List;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * Parts of matching resources that are left out when comparing desired and live state.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IgnoreDifference extends KeepsUnknownFields {

    @JsonPropertyDescription("API group of the resources; empty for the core group.")
    private String group;

    @JsonPropertyDescription("Kind of the resources.")
    @Required
    private String kind;

    @JsonPropertyDescription("Only the resource of this name.")
    private String name;

    @JsonPropertyDescription("Only resources in this namespace.")
    private String namespace;

    @JsonPropertyDescription("RFC 6901 JSON pointers of the fields to ignore.")
    private List<String> jsonPointers;

    @JsonPropertyDescription("Ignore every field owned by these field managers.")
    private List<String> managedFieldsManagers;

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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public List<String> getJsonPointers() {
        return jsonPointers;
    }

    public void setJsonPointers(List<String> jsonPointers) {
        this.jsonPointers = jsonPointers;
    }

    public List<String> getManagedFieldsManagers() {
        return managedFieldsManagers;
    }

    public void setManagedFieldsManagers(List<String> managedFieldsManagers) {
        this.managedFieldsManagers = managedFieldsManagers;
    }
}
