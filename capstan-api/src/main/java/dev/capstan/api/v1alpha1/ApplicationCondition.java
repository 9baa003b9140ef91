package dev.capstan.api.v1alpha1;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A problem or warning about the application, such as ComparisonError or SyncError.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationCondition extends KeepsUnknownFields {

    @Required
    private String type;
    private String message;

    @JsonPropertyDescription("RFC 3339 time.")
    private String lastTransitionTime;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }
}
