package dev.capstan.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.Application;

/**
 * Capstan's CustomResourceDefinitions, generated from the Java types at build time into
 * {@code META-INF/fabric8/} of this module's jar, where the controller and {@code capstan install}
 * read them.
 */
public final class CustomResourceDefinitions {

    /** The custom resource types, in the order they are installed. */
    public static final List<Class<? extends HasMetadata>> TYPES = List.of(AppProject.class, Application.class);

    private static final String DIRECTORY = "META-INF/fabric8/";

    private CustomResourceDefinitions() {
    }

    /** The CRD's file name, as the generator writes it: {@code applications.capstan.dev-v1.yml}. */
    public static String fileName(Class<? extends HasMetadata> type) {
        return HasMetadata.getFullResourceName(type) + "-v1.yml";
    }

    /** The CRD's path on the class path. */
    public static String resourcePath(Class<? extends HasMetadata> type) {
        return DIRECTORY + fileName(type);
    }

    /** Reads the CRD of a custom resource type from the class path. */
    public static CustomResourceDefinition load(Class<? extends HasMetadata> type) {
        String path = resourcePath(type);
        try (InputStream in = CustomResourceDefinitions.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("CRD " + path + " is not on the class path; was capstan-api built?");
            }
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD " + path, e);
        }
    }

    /** Every Capstan CRD, in {@link #TYPES} order. */
    public static List<CustomResourceDefinition> all() {
        return TYPES.stream().map(CustomResourceDefinitions::load).toList();
    }

    /**
     * Applies every Capstan CRD (server-side, as {@code fieldManager}) and waits until the server
     * serves them (Established), so Applications can be created right after.
     *
     * @throws IllegalStateException when a CRD is not established within {@code timeout}
     */
    public static void install(KubernetesClient client, String fieldManager, Duration timeout) {
        for (CustomResourceDefinition crd : all()) {
            client.resource(crd).fieldManager(fieldManager).forceConflicts().serverSideApply();
        }
        for (CustomResourceDefinition crd : all()) {
            try {
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(CustomResourceDefinitions::established, timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (KubernetesClientTimeoutException e) {
                throw new IllegalStateException("the CustomResourceDefinition " + crd.getMetadata().getName()
                        + " was not established within " + timeout.toSeconds() + " s", e);
            }
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(condition -> "Established".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }
}
