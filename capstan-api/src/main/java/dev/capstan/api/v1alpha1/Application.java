package dev.capstan.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.capstan.api.PrinterColumnOrder;

/**
 * An application: manifests from a Git source, deployed to a destination and kept in sync by
 * the controller. Users write it as they write an Argo CD Application, with
 * {@code apiVersion: capstan.dev/v1alpha1}. Besides {@code spec} and {@code status} it has a
 * top-level {@link Operation}, a request (such as a sync) that the CLI or UI writes and the
 * controller clears when it starts.
 */
@Group(Application.GROUP)
@Version(Application.VERSION)
@ShortNames({"app", "apps"})
@AdditionalPrinterColumn(name = "Sync", jsonPath = ".status.sync.status", type = Type.STRING,
        getDescription = "Whether the live state matches Git")
@AdditionalPrinterColumn(name = "Health", jsonPath = ".status.health.status", type = Type.STRING,
        getDescription = "The worst health of the application's resources")
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.sync.revision", type = Type.STRING,
        getDescription = "The commit last compared")
@AdditionalPrinterColumn(name = "Project", jsonPath = ".spec.project", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@PrinterColumnOrder({"Sync", "Health", "Revision", "Project", "Age"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Application extends CustomResource<ApplicationSpec, ApplicationStatus> implements Namespaced {

    public static final String GROUP = "capstan.dev";
    public static final String VERSION = "v1alpha1";

    /**
     * The finalizer that makes deleting an application delete its resources first: the
     * controller removes them, then the finalizer. Without it, deleting the application leaves
     * its resources in place.
     */
    public static final String RESOURCES_FINALIZER = "capstan.dev/resources-finalizer";

    @JsonPropertyDescription("A request to act on the application; the controller clears it when it starts.")
    private Operation operation;

    public Operation getOperation() {
        return operation;
    }

    public void setOperation(Operation operation) {
        this.operation = operation;
    }
}
