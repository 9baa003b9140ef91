package dev.capstan.api.v1alpha1;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A kind of resource by API group and kind; either may be the glob *.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GroupKindRef extends KeepsUnknownFields {

    @JsonPropertyDescription("API group; empty for the core group.")
    private String group;

    @Required
    private String kind;

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
}
