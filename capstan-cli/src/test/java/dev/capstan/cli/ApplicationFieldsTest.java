package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class ApplicationFieldsTest {

    @Command(name = "test")
    static final class Holder {
        @Mixin
        ApplicationFields fields;
    }

    private static ApplicationFields parse(String... args) {
        var holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.fields;
    }

    @Test
    void a_new_spec_gets_the_given_fields_and_the_defaults() {
        ApplicationSpec spec = parse("--repo", "https://github.com/shop/deploy.git", "--path", "web", "--dest-namespace", "shop",
                "--sync-policy", "automated", "--self-heal", "--auto-prune", "--sync-option", "CreateNamespace=true",
                "--depends-on", "db", "--depends-on", "infra/network", "--directory-recurse").newSpec();

        assertThat(spec.getProject()).isEqualTo("default");
        assertThat(spec.getSource().getRepoURL()).isEqualTo("https://github.com/shop/deploy.git");
        assertThat(spec.getSource().getPath()).isEqualTo("web");
        assertThat(spec.getSource().getTargetRevision()).isNull();
        assertThat(spec.getSource().getDirectory().getRecurse()).isTrue();
        assertThat(spec.getDestination().getServer()).isEqualTo(ApplicationFields.IN_CLUSTER);
        assertThat(spec.getDestination().getNamespace()).isEqualTo("shop");
        assertThat(spec.getSyncPolicy().getAutomated().getSelfHeal()).isTrue();
        assertThat(spec.getSyncPolicy().getAutomated().getPrune()).isTrue();
        assertThat(spec.getSyncPolicy().getAutomated().getAllowEmpty()).isNull();
        assertThat(spec.getSyncPolicy().getSyncOptions()).containsExactly("CreateNamespace=true");
        assertThat(spec.getDependsOn()).extracting(d -> d.getNamespace() + "/" + d.getName()).containsExactly("null/db", "infra/network");
    }

    @Test
    void helm_kustomize_and_jsonnet_flags_set_the_source_as_argo_cd_users_write_them(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        var values = dir.resolve("values.yaml");
        java.nio.file.Files.writeString(values, "replicas: 3\n");
        ApplicationSpec spec = parse("--repo", "oci://registry.example/charts", "--helm-chart", "web", "--revision", "1.2.0",
                "--release-name", "shop-web", "--values", "values-prod.yaml", "--values", "$team/web.yaml", "--values-literal-file", values.toString(),
                "--helm-set", "image.tag=1.2.5", "--helm-set-string", "port=8080", "--helm-skip-crds", "--ignore-missing-value-files").newSpec();

        ApplicationSource source = spec.getSource();
        assertThat(source.getChart()).isEqualTo("web");
        assertThat(source.getPath()).isNull();
        assertThat(source.getTargetRevision()).isEqualTo("1.2.0");
        assertThat(source.getHelm().getReleaseName()).isEqualTo("shop-web");
        assertThat(source.getHelm().getValueFiles()).containsExactly("values-prod.yaml", "$team/web.yaml");
        assertThat(source.getHelm().getValues()).isEqualTo("replicas: 3\n");
        assertThat(source.getHelm().getParameters()).extracting(p -> p.getName() + "=" + p.getValue() + " " + p.getForceString())
                .containsExactly("image.tag=1.2.5 null", "port=8080 true");
        assertThat(source.getHelm().getSkipCrds()).isTrue();
        assertThat(source.getHelm().getIgnoreMissingValueFiles()).isTrue();

        ApplicationSpec kustomized = parse("--repo", "https://a/r.git", "--path", "overlays/prod", "--nameprefix", "prod-",
                "--kustomize-image", "web=registry.example/web:1.2", "--kustomize-replica", "web=4",
                "--kustomize-common-label", "team=shop", "--kustomize-namespace", "shop-prod").newSpec();
        var kustomize = kustomized.getSource().getKustomize();
        assertThat(kustomize.getNamePrefix()).isEqualTo("prod-");
        assertThat(kustomize.getImages()).containsExactly("web=registry.example/web:1.2");
        assertThat(kustomize.getReplicas()).extracting(r -> r.getName() + "=" + r.getCount().getIntVal()).containsExactly("web=4");
        assertThat(kustomize.getCommonLabels()).containsEntry("team", "shop");
        assertThat(kustomize.getNamespace()).isEqualTo("shop-prod");

        ApplicationSpec jsonnet = parse("--repo", "https://a/r.git", "--path", "env", "--jsonnet-ext-var-str", "env=prod",
                "--jsonnet-tla-code", "replicas=3", "--jsonnet-libs", "vendor").newSpec();
        var variables = jsonnet.getSource().getDirectory().getJsonnet();
        assertThat(variables.getExtVars()).extracting(v -> v.getName() + "=" + v.getValue() + " " + v.getCode()).containsExactly("env=prod null");
        assertThat(variables.getTlas()).extracting(v -> v.getName() + "=" + v.getValue() + " " + v.getCode()).containsExactly("replicas=3 true");
        assertThat(variables.getLibs()).containsExactly("vendor");
    }

    @Test
    void a_replica_count_must_be_a_number() {
        assertThatThrownBy(() -> parse("--repo", "https://a/r.git", "--path", "p", "--kustomize-replica", "web=many").newSpec())
                .isInstanceOf(ParameterException.class).hasMessageContaining("--kustomize-replica web=many: COUNT must be a whole number");
    }

    @Test
    void a_new_spec_needs_repo_and_path() {
        assertThatThrownBy(() -> parse("--repo", "https://github.com/shop/deploy.git").newSpec())
                .isInstanceOf(ParameterException.class).hasMessageContaining("give --repo and --path, or --repo and --helm-chart");
    }

    @Test
    void options_not_given_leave_their_fields_alone() {
        ApplicationSpec spec = parse("--repo", "https://a/r.git", "--path", "p", "--revision", "v1", "--dest-namespace", "one",
                "--sync-policy", "automated", "--auto-prune").newSpec();

        parse("--revision", "v2").applyTo(spec, "app");

        assertThat(spec.getSource().getTargetRevision()).isEqualTo("v2");
        assertThat(spec.getSource().getRepoURL()).isEqualTo("https://a/r.git");
        assertThat(spec.getDestination().getNamespace()).isEqualTo("one");
        assertThat(spec.getSyncPolicy().getAutomated().getPrune()).isTrue();
    }

    @Test
    void manual_removes_automated_sync_and_a_flag_can_be_turned_off() {
        ApplicationSpec spec = parse("--repo", "https://a/r.git", "--path", "p", "--sync-policy", "auto", "--self-heal").newSpec();

        parse("--self-heal=false").applyTo(spec, "app");
        assertThat(spec.getSyncPolicy().getAutomated().getSelfHeal()).isFalse();

        parse("--sync-policy", "manual").applyTo(spec, "app");
        assertThat(spec.getSyncPolicy().getAutomated()).isNull();
    }

    @Test
    void automated_flags_without_automated_sync_are_a_usage_error() {
        var fields = parse("--repo", "https://a/r.git", "--path", "p", "--self-heal");

        assertThatThrownBy(fields::newSpec).isInstanceOf(ParameterException.class).hasMessageContaining("--sync-policy automated");
    }

    @Test
    void a_destination_is_a_server_or_a_name() {
        ApplicationSpec spec = parse("--repo", "https://a/r.git", "--path", "p").newSpec();

        parse("--dest-name", "prod").applyTo(spec, "app");
        assertThat(spec.getDestination().getName()).isEqualTo("prod");
        assertThat(spec.getDestination().getServer()).isNull();

        assertThatThrownBy(() -> parse("--dest-name", "prod", "--dest-server", "https://x").applyTo(spec, "app"))
                .isInstanceOf(ParameterException.class);
    }

    @Test
    void sync_options_must_be_key_value_pairs() {
        assertThatThrownBy(() -> parse("--repo", "https://a/r.git", "--path", "p", "--sync-option", "Prune").newSpec())
                .isInstanceOf(ParameterException.class).hasMessageContaining("KEY=VALUE");
    }

    @Test
    void lists_given_to_set_replace_the_old_ones() {
        ApplicationSpec spec = parse("--repo", "https://a/r.git", "--path", "p", "--sync-option", "A=1", "--depends-on", "x").newSpec();

        parse("--sync-option", "B=2", "--depends-on", "y").applyTo(spec, "app");

        assertThat(spec.getSyncPolicy().getSyncOptions()).containsExactly("B=2");
        assertThat(spec.getDependsOn()).extracting(d -> d.getName()).containsExactly("y");
    }

    @Test
    void source_fields_of_a_multi_source_application_are_refused() {
        var spec = new ApplicationSpec();
        spec.setSources(List.of(new ApplicationSource(), new ApplicationSource()));

        assertThatThrownBy(() -> parse("--path", "p").applyTo(spec, "Application.capstan.dev/capstan/app"))
                .isInstanceOf(UserError.class).hasMessageContaining("several sources");
    }

    @Test
    void unknown_sync_policies_are_a_usage_error() {
        assertThatThrownBy(() -> parse("--sync-policy", "sometimes")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("automated or manual");
    }

    @Test
    void no_option_given_is_empty() {
        assertThat(parse().isEmpty()).isTrue();
        assertThat(parse("--allow-empty").isEmpty()).isFalse();
    }
}
