package dev.capstan.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.GroupKindRef;
import dev.capstan.api.v1alpha1.ProjectDestination;
import dev.capstan.engine.Manifest;

class ProjectPolicyTest {

    private static final String REPO = "https://git.example.com/team/apps.git";

    @Test
    void a_missing_default_project_allows_everything() {
        assertThat(ProjectPolicy.violations("default", Optional.empty(), source(REPO), destination("anything"),
                List.of(namespace("x")), kind -> Optional.of(false))).isEmpty();
    }

    @Test
    void a_missing_named_project_is_a_violation() {
        assertThat(ProjectPolicy.violations("team-a", Optional.empty(), source(REPO), destination("apps"), List.of(), kind -> Optional.empty()))
                .containsExactly("project 'team-a' does not exist");
    }

    @Test
    void allows_what_the_project_lists() {
        assertThat(ProjectPolicy.violations("team-a", Optional.of(project()), source(REPO), destination("team-a-web"),
                List.of(configMap("team-a-web")), kind -> Optional.of(true))).isEmpty();
    }

    @Test
    void refuses_an_unlisted_repository_a_foreign_namespace_and_a_cluster_scoped_kind() {
        List<String> violations = ProjectPolicy.violations("team-a", Optional.of(project()), source("https://git.example.com/other/repo.git"),
                destination("team-b"), List.of(configMap("team-b"), namespace("team-b")),
                kind -> Optional.of(!kind.kind().equals("Namespace")));
        assertThat(violations).containsExactly(
                "repository https://git.example.com/other/repo.git is not permitted in project 'team-a'",
                "destination https://kubernetes.default.svc namespace team-b is not permitted in project 'team-a'",
                "cluster-scoped kind Namespace (Namespace/team-b) is not permitted in project 'team-a'");
    }

    @Test
    void refuses_a_denied_namespaced_kind() {
        AppProject project = project();
        var secret = new GroupKindRef();
        secret.setGroup("");
        secret.setKind("Secret");
        project.getSpec().setNamespaceResourceBlacklist(List.of(secret));
        Manifest manifest = Manifest.parse("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"team-a\"}}");
        assertThat(ProjectPolicy.violations("team-a", Optional.of(project), source(REPO), destination("team-a"), List.of(manifest),
                kind -> Optional.of(true))).containsExactly("namespaced kind Secret is not permitted in project 'team-a'");
    }

    @Test
    void globs_match_any_run_of_characters() {
        assertThat(ProjectPolicy.glob("team-a-*", "team-a-web")).isTrue();
        assertThat(ProjectPolicy.glob("team-a-*", "team-b-web")).isFalse();
        assertThat(ProjectPolicy.glob("*", "")).isTrue();
        assertThat(ProjectPolicy.glob("a.b", "axb")).isFalse();
    }

    private static AppProject project() {
        var spec = new AppProjectSpec();
        spec.setSourceRepos(List.of("https://git.example.com/team/*"));
        var destination = new ProjectDestination();
        destination.setServer("https://kubernetes.default.svc");
        destination.setNamespace("team-a*");
        spec.setDestinations(List.of(destination));
        var project = new AppProject();
        project.setSpec(spec);
        return project;
    }

    private static ApplicationSource source(String url) {
        var source = new ApplicationSource();
        source.setRepoURL(url);
        return source;
    }

    private static ApplicationDestination destination(String namespace) {
        var destination = new ApplicationDestination();
        destination.setServer("https://kubernetes.default.svc");
        destination.setNamespace(namespace);
        return destination;
    }

    private static Manifest configMap(String namespace) {
        return Manifest.parse("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"" + namespace + "\"}}");
    }

    private static Manifest namespace(String name) {
        return Manifest.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
    }
}
