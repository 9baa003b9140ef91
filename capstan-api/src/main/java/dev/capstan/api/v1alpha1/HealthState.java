package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A health status (Healthy, Progressing, Degraded, Suspended, Missing, Unknown) and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthState extends KeepsUnknownFields {

    @JsonPropertyDescription("Healthy, Progressing, Degraded, Suspended, Missing or Unknown.")
    private String status;

    @JsonPropertyDescription("Why, when not Healthy.")
    private String message;

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = RepeatedValues.shared(status);
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
