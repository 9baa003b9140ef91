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
    void multi_source_applications_are_supported() {
        assertThat(ApplicationReconciler.unsupported(application("https://kubernetes.default.svc", null, false))).isEmpty();
    }

    @Test
    void a_source_naming_two_tools_is_refused_naming_both_fields() {
        Application application = application("https://kubernetes.default.svc", null, true);
        application.getSpec().getSource().setHelm(new ApplicationSource.Helm());
        application.getSpec().getSource().setKustomize(new ApplicationSource.Kustomize());

        assertThat(ApplicationReconciler.unsupported(application)).contains(
                "spec.source.helm and spec.source.kustomize are all set, but a source is rendered by one tool; keep one of them");
    }

    @Test
    void in_sources_refs_must_be_unique_and_something_must_be_rendered() {
        Application application = application("https://kubernetes.default.svc", null, false);
        var values = new ApplicationSource();
        values.setRepoURL("https://user:secret@git.example.com/values.git");
        values.setRef("values");
        var again = new ApplicationSource();
        again.setRepoURL("https://git.example.com/other.git");
        again.setRef("values");
        application.getSpec().setSources(List.of(values, again));
        assertThat(ApplicationReconciler.unsupported(application))
                .contains("spec.sources[1].ref 'values' is used by another source too; refs must be unique");

        application.getSpec().setSources(List.of(values));
        assertThat(ApplicationReconciler.unsupported(application))
                .contains("spec.sources only has sources with a ref and no path or chart, so nothing would be rendered");

        var chart = new ApplicationSource();
        chart.setRepoURL("https://charts.example.com");
        chart.setChart("redis");
        chart.setDirectory(new ApplicationSource.Directory());
        application.getSpec().setSources(List.of(values, chart));
        assertThat(ApplicationReconciler.unsupported(application))
                .contains("spec.sources[1].chart names a Helm chart, so spec.sources[1].directory cannot apply; remove it");
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
