package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * Who asked for an operation: a person (their user name) or the controller itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InitiatedBy extends KeepsUnknownFields {

    @JsonPropertyDescription("The user who asked.")
    private String username;

    @JsonPropertyDescription("True when automated sync asked.")
    private Boolean automated;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Boolean getAutomated() {
        return automated;
    }

    public void setAutomated(Boolean automated) {
        this.automated = automated;
    }
}
