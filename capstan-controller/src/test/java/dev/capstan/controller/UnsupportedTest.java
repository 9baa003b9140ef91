package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;

class UnsupportedTest {

    @Test
    void this_cluster_by_server_or_by_name_is_supported() {
        assertThat(ApplicationReconciler.unsupported(application("https://kubernetes.default.svc", null, true))).isEmpty();
        assertThat(ApplicationReconciler.unsupported(application(null, "in-cluster", true))).isEmpty();
    }

    @Test
    void another_cluster_is_refused_before_anything_is_applied() {
        assertThat(ApplicationReconciler.unsupported(application("https://prod.example.com:6443", null, true)))
                .hasValueSatisfying(message -> assertThat(message).startsWith("spec.destination must be this cluster"));
        assertThat(ApplicationReconciler.unsupported(application(null, "prod", true))).isPresent();
    }

    @Test
    void multi_source_applications_are_refused_with_what_to_use_instead() {
        assertThat(ApplicationReconciler.unsupported(application("https://kubernetes.default.svc", null, false)))
                .contains("spec.sources (multi-source applications) is not supported yet; use spec.source");
    }

    private static Application application(String server, String name, boolean singleSource) {
        var spec = new ApplicationSpec();
        var destination = new ApplicationDestination();
        destination.setServer(server);
        destination.setName(name);
        spec.setDestination(destination);
        var source = new ApplicationSource();
        source.setRepoURL("https://git.example.com/a.git");
        if (singleSource) {
            spec.setSource(source);
        } else {
            spec.setSources(List.of(source));
        }
        var application = new Application();
        application.setSpec(spec);
        return application;
    }
}
