package dev.capstan.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.capstan.api.v1alpha1.Application;

/** The finalizer that makes deleting an Application delete its resources, added or removed before a delete. */
public final class Finalizers {

    private Finalizers() {
    }

    /**
     * The application with {@link Application#RESOURCES_FINALIZER} present or absent, as a delete
     * with or without cascade wants it; the same object when it already is.
     */
    public static Application withResourcesFinalizer(Application application, boolean present) {
        List<String> finalizers = new ArrayList<>(Objects.requireNonNullElse(application.getMetadata().getFinalizers(), List.of()));
        if (finalizers.contains(Application.RESOURCES_FINALIZER) == present) {
            return application;
        }
        if (present) {
            finalizers.add(Application.RESOURCES_FINALIZER);
        } else {
            finalizers.remove(Application.RESOURCES_FINALIZER);
        }
        application.getMetadata().setFinalizers(finalizers);
        return application;
    }
}
