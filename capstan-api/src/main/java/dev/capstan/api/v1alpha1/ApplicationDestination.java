package dev.capstan.api.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * The cluster and namespace an application deploys to. The cluster is named by its API server
 * URL or by the name of its cluster Secret, not both.
 */
@ValidationRule(value = "has(self.server) != has(self.name)", message = "set exactly one of server and name")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationDestination extends KeepsUnknownFields {

    @JsonPropertyDescription("API server URL; https://kubernetes.default.svc is the cluster Capstan runs in.")
    private String server;

    @JsonPropertyDescription("Name of a cluster registered in a cluster Secret.")
    private String name;

    @JsonPropertyDescription("Namespace for namespaced resources that do not set one.")
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
