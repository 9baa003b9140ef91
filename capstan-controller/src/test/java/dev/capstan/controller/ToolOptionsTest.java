package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.JsonnetOptions;
import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.RenderException;

class ToolOptionsTest {

    @Test
    void helm_options_default_to_the_application_name_and_destination_namespace() {
        HelmOptions options = ToolOptions.helm(new ApplicationSource(), "guestbook", "apps", "v1.36.3");

        assertThat(options).isEqualTo(HelmOptions.defaults("guestbook").withNamespace("apps").withKubeVersion("v1.36.3"));
    }

    @Test
    void helm_fields_map_one_to_one() {
        var helm = new ApplicationSource.Helm();
        helm.setReleaseName("web");
        helm.setValueFiles(List.of("values-prod.yaml", "$values/prod.yaml"));
        helm.setIgnoreMissingValueFiles(true);
        helm.setValues("a: 1\n");
        helm.setValuesObject(Map.of("b", 2));
        var parameter = new ApplicationSource.Helm.Parameter();
        parameter.setName("image.tag");
        parameter.setValue("1.10");
        parameter.setForceString(true);
        helm.setParameters(List.of(parameter));
        helm.setSkipCrds(true);
        var source = new ApplicationSource();
        source.setHelm(helm);

        assertThat(ToolOptions.helm(source, "guestbook", "apps", "")).isEqualTo(HelmOptions.defaults("web").withNamespace("apps")
                .withValueFiles(List.of("values-prod.yaml", "$values/prod.yaml")).withIgnoreMissingValueFiles(true)
                .withValues("a: 1\n").withValuesObject(Map.of("b", 2))
                .withParameters(List.of(new HelmOptions.Parameter("image.tag", "1.10", true))).withSkipCrds(true));
    }

    @Test
    void kustomize_fields_map_one_to_one_and_remote_bases_are_the_operators_choice() {
        var kustomize = new ApplicationSource.Kustomize();
        kustomize.setNamePrefix("prod-");
        kustomize.setNameSuffix("-v2");
        kustomize.setImages(List.of("web=registry.example.com/web:2"));
        var byNumber = new ApplicationSource.Kustomize.Replica();
        byNumber.setName("web");
        byNumber.setCount(new IntOrString(3));
        var byText = new ApplicationSource.Kustomize.Replica();
        byText.setName("worker");
        byText.setCount(new IntOrString("2"));
        kustomize.setReplicas(List.of(byNumber, byText));
        kustomize.setCommonLabels(Map.of("team", "a"));
        kustomize.setCommonAnnotations(Map.of("owner", "b"));
        kustomize.setNamespace("prod");
        kustomize.setComponents(List.of("../components/tls"));
        kustomize.setPatches(List.of(Map.of("patch", "- op: remove\n  path: /spec/replicas\n", "target", Map.of("kind", "Deployment"))));
        var source = new ApplicationSource();
        source.setKustomize(kustomize);

        assertThat(ToolOptions.kustomize(source, true)).isEqualTo(KustomizeOptions.defaults().withNamePrefix("prod-").withNameSuffix("-v2")
                .withImages(List.of("web=registry.example.com/web:2"))
                .withReplicas(List.of(new KustomizeOptions.Replica("web", 3), new KustomizeOptions.Replica("worker", 2)))
                .withCommonLabels(Map.of("team", "a")).withCommonAnnotations(Map.of("owner", "b")).withNamespace("prod")
                .withComponents(List.of("../components/tls"))
                .withPatches(List.of(KustomizeOptions.Patch.inline("- op: remove\n  path: /spec/replicas\n",
                        new KustomizeOptions.Target("", "", "Deployment", "", "", "", ""))))
                .withAllowRemoteBases(true));
        assertThat(ToolOptions.kustomize(new ApplicationSource(), false)).isEqualTo(KustomizeOptions.defaults());
    }

    @Test
    void a_replica_count_that_is_not_a_number_is_an_error_naming_it() {
        var replica = new ApplicationSource.Kustomize.Replica();
        replica.setName("web");
        replica.setCount(new IntOrString("three"));
        var kustomize = new ApplicationSource.Kustomize();
        kustomize.setReplicas(List.of(replica));
        var source = new ApplicationSource();
        source.setKustomize(kustomize);

        assertThatThrownBy(() -> ToolOptions.kustomize(source, false)).isInstanceOf(RenderException.class)
                .hasMessageContaining("replica count of 'web' is 'three', not a whole number");
    }

    @Test
    void directory_jsonnet_fields_map_to_jsonnet_options() {
        var extVar = new ApplicationSource.JsonnetVariable();
        extVar.setName("stage");
        extVar.setValue("prod");
        var tla = new ApplicationSource.JsonnetVariable();
        tla.setName("replicas");
        tla.setValue("1 + 2");
        tla.setCode(true);
        var jsonnet = new ApplicationSource.Jsonnet();
        jsonnet.setExtVars(List.of(extVar));
        jsonnet.setTlas(List.of(tla));
        jsonnet.setLibs(List.of("vendor"));
        var directory = new ApplicationSource.Directory();
        directory.setRecurse(true);
        directory.setInclude("*.jsonnet");
        directory.setJsonnet(jsonnet);
        var source = new ApplicationSource();
        source.setDirectory(directory);

        assertThat(ToolOptions.directory(source)).isEqualTo(new DirectoryOptions(true, "*.jsonnet", "", new JsonnetOptions(
                List.of(JsonnetOptions.Variable.string("stage", "prod")), List.of(JsonnetOptions.Variable.code("replicas", "1 + 2")), List.of("vendor"))));
    }
}
