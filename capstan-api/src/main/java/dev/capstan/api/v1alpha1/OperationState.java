package dev.capstan.api.v1alpha1;

import java.util.Map;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.FreeFormObject;
import dev.capstan.api.FrozenJson;
import dev.capstan.api.KeepsUnknownFields;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The progress of the current or last operation. {@code syncResult} holds the engine's
 * serialised sync state, so a restarted controller resumes the sync where it stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OperationState extends KeepsUnknownFields {

    @JsonPropertyDescription("The operation being run, as it was requested.")
    private Operation operation;

    @JsonPropertyDescription("Running, Terminating, Succeeded, Failed or Error.")
    private String phase;
    private String message;

    @JsonPropertyDescription("RFC 3339 time.")
    private String startedAt;

    @JsonPropertyDescription("RFC 3339 time.")
    private String finishedAt;

    @JsonPropertyDescription("Attempts made after the first.")
    private Long retryCount;

    @JsonPropertyDescription("The engine's sync state, free-form.")
    @SchemaFrom(type = FreeFormObject.class)
    @PreserveUnknownFields
    @JsonDeserialize(using = FrozenJson.class)
    private Map<String, Object> syncResult;

    public Operation getOperation() {
        return operation;
    }

    public void setOperation(Operation operation) {
        this.operation = operation;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Long getRetryCount() {
        return retryCount;
    }

    public void setRetryCount(Long retryCount) {
        this.retryCount = retryCount;
    }

    public Map<String, Object> getSyncResult() {
        return syncResult;
    }

    public void setSyncResult(Map<String, Object> syncResult) {
        this.syncResult = syncResult;
    }
}
