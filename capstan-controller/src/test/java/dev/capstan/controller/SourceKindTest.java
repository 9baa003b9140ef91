package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.SourceTree;

class SourceKindTest {

    private static final SourceTree FIXTURES = new DirectorySourceTree(Path.of("src/test/resources/dev/capstan/controller/detect"));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "helm, HELM",
            "kustomize-yaml, KUSTOMIZE",
            "kustomize-yml, KUSTOMIZE",
            "kustomize-capital, KUSTOMIZE",
            "directory, DIRECTORY",
            "jsonnet, DIRECTORY",
            "helm-beside-kustomization, HELM",
            "nested/app, DIRECTORY",
            "nested, KUSTOMIZE",
    })
    void the_files_at_the_path_choose_the_tool_when_the_spec_names_none(String path, SourceKind expected) {
        assertThat(SourceKind.of(source(), FIXTURES, path)).isEqualTo(expected);
    }

    @Test
    void options_in_the_spec_win_over_the_files() {
        ApplicationSource directory = source();
        directory.setDirectory(new ApplicationSource.Directory());
        ApplicationSource kustomize = source();
        kustomize.setKustomize(new ApplicationSource.Kustomize());
        ApplicationSource helm = source();
        helm.setHelm(new ApplicationSource.Helm());

        assertThat(SourceKind.of(directory, FIXTURES, "helm")).isEqualTo(SourceKind.DIRECTORY);
        assertThat(SourceKind.of(kustomize, FIXTURES, "directory")).isEqualTo(SourceKind.KUSTOMIZE);
        assertThat(SourceKind.of(helm, FIXTURES, "kustomize-yaml")).isEqualTo(SourceKind.HELM);
    }

    @Test
    void a_chart_is_a_chart_from_a_helm_repository_with_or_without_helm_options() {
        ApplicationSource chart = source();
        chart.setChart("redis");
        assertThat(SourceKind.of(chart, FIXTURES, "kustomize-yaml")).isEqualTo(SourceKind.HELM_REPOSITORY);
        chart.setHelm(new ApplicationSource.Helm());
        assertThat(SourceKind.of(chart, FIXTURES, "")).isEqualTo(SourceKind.HELM_REPOSITORY);
        assertThat(SourceKind.conflict(chart, "spec.source")).isEmpty();
    }

    @Test
    void two_tools_named_in_the_spec_are_a_conflict_naming_the_fields() {
        ApplicationSource source = source();
        source.setDirectory(new ApplicationSource.Directory());
        assertThat(SourceKind.conflict(source, "spec.source")).isEmpty();
        source.setKustomize(new ApplicationSource.Kustomize());
        source.setHelm(new ApplicationSource.Helm());

        assertThat(SourceKind.conflict(source, "spec.sources[2]")).contains("spec.sources[2].helm and spec.sources[2].kustomize and "
                + "spec.sources[2].directory are all set, but a source is rendered by one tool; keep one of them");
    }

    private static ApplicationSource source() {
        var source = new ApplicationSource();
        source.setRepoURL("https://git.example.com/a.git");
        return source;
    }
}
