package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A resource the controller applied for this application, with hashes of what it last applied,
 * so deleted-from-Git resources are found and unchanged ones skipped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InventoryEntry extends KeepsUnknownFields {

    private String group;
    private String kind;
    private String namespace;
    private String name;

    @JsonPropertyDescription("Hash of the desired manifest last applied.")
    private String desiredHash;

    @JsonPropertyDescription("Hash of the fields the controller owned after applying it.")
    private String fieldsHash;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = RepeatedValues.shared(group);
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = RepeatedValues.shared(kind);
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = RepeatedValues.shared(namespace);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = RepeatedValues.shared(name);
    }

    public String getDesiredHash() {
        return desiredHash;
    }

    public void setDesiredHash(String desiredHash) {
        this.desiredHash = desiredHash;
    }

    public String getFieldsHash() {
        return fieldsHash;
    }

    public void setFieldsHash(String fieldsHash) {
        this.fieldsHash = fieldsHash;
    }
}
