package dev.capstan.api.v1alpha1;

import io.fabric8.generator.annotation.Required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.KeepsUnknownFields;

/**
 * Another Application that must be Healthy before this one is synced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationDependency extends KeepsUnknownFields {

    @JsonPropertyDescription("Name of the Application.")
    @Required
    private String name;

    @JsonPropertyDescription("Namespace of the Application; this Application's namespace when empty.")
    private String namespace;

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
