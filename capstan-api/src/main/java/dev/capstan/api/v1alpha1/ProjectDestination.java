package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * A cluster (by server URL or name) and namespace that applications may deploy to; globs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProjectDestination extends KeepsUnknownFields {

    @JsonPropertyDescription("Glob of API server URLs.")
    private String server;

    @JsonPropertyDescription("Glob of cluster names.")
    private String name;

    @JsonPropertyDescription("Glob of namespaces.")
    private String namespace;

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
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
}
