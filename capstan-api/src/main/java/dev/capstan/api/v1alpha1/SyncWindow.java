package dev.capstan.api.v1alpha1;

import java.util.List;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A recurring time span in which syncs of matching applications are allowed or denied. A deny
 * window wins over an allow window.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncWindow extends KeepsUnknownFields {

    @JsonPropertyDescription("allow or deny.")
    @Required
    private Kind kind;

    @JsonPropertyDescription("Cron expression for the start of the window.")
    @Required
    private String schedule;

    @JsonPropertyDescription("How long the window lasts, such as 1h.")
    @Required
    private String duration;

    @JsonPropertyDescription("Globs of application names the window applies to.")
    private List<String> applications;

    @JsonPropertyDescription("Globs of destination namespaces the window applies to.")
    private List<String> namespaces;

    @JsonPropertyDescription("Allow manual syncs during a deny window.")
    private Boolean manualSync;

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public List<String> getApplications() {
        return applications;
    }

    public void setApplications(List<String> applications) {
        this.applications = applications;
    }

    public List<String> getNamespaces() {
        return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
        this.namespaces = namespaces;
    }

    public Boolean getManualSync() {
        return manualSync;
    }

    public void setManualSync(Boolean manualSync) {
        this.manualSync = manualSync;
    }

    /**
     * Whether a window allows or denies syncs.
     */
    public enum Kind {
        @JsonProperty("allow")
        ALLOW,
        @JsonProperty("deny")
        DENY
    }
}
