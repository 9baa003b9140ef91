package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * The sync and health status of one resource of the application.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceStatus extends KeepsUnknownFields {

    private String group;
    private String version;
    private String kind;
    private String namespace;
    private String name;

    @JsonPropertyDescription("Synced, OutOfSync or Unknown.")
    private String status;
    private HealthState health;

    @JsonPropertyDescription("Live but no longer desired.")
    private Boolean requiresPruning;

    @JsonPropertyDescription("A sync hook rather than a managed resource.")
    private Boolean hook;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = RepeatedValues.shared(group);
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = RepeatedValues.shared(version);
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = RepeatedValues.shared(status);
    }

    public HealthState getHealth() {
        return health;
    }

    public void setHealth(HealthState health) {
        this.health = health;
    }

    public Boolean getRequiresPruning() {
        return requiresPruning;
    }

    public void setRequiresPruning(Boolean requiresPruning) {
        this.requiresPruning = requiresPruning;
    }

    public Boolean getHook() {
        return hook;
    }

    public void setHook(Boolean hook) {
        this.hook = hook;
    }
}
