package dev.capstan.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.cluster.ClusterClient.DeleteOptions.Propagation;

class SyncOptionsTest {

    @Test
    void defaults_neither_prune_nor_force_anything() {
        SyncOptions defaults = SyncOptions.defaults();

        assertThat(defaults.prune()).isFalse();
        assertThat(defaults.dryRun()).isFalse();
        assertThat(defaults.isSelective()).isFalse();
        assertThat(defaults.force()).isFalse();
        assertThat(defaults.validate()).isTrue();
        assertThat(defaults.prunePropagation()).isEqualTo(Propagation.FOREGROUND);
    }

    @Test
    void takes_argo_cd_style_option_strings() {
        SyncOptions options = SyncOptions.defaults().withSyncOptions(List.of(
                "CreateNamespace=true", "PruneLast=true", "ApplyOutOfSyncOnly=true", "Validate=false",
                "replace=TRUE", "PrunePropagationPolicy=background", "ServerSideApply=true"));

        assertThat(options.createNamespace()).isTrue();
        assertThat(options.pruneLast()).isTrue();
        assertThat(options.applyOutOfSyncOnly()).isTrue();
        assertThat(options.validate()).isFalse();
        assertThat(options.replace()).isTrue();
        assertThat(options.prunePropagation()).isEqualTo(Propagation.BACKGROUND);
    }

    @Test
    void rejects_an_unknown_propagation_policy_clearly() {
        assertThatThrownBy(() -> SyncOptions.defaults().withSyncOptions(List.of("PrunePropagationPolicy=later")))
                .hasMessage("sync option PrunePropagationPolicy must be foreground, background or orphan, got \"later\"");
    }

    @Test
    void reads_an_objects_options_from_either_annotation() {
        ResourceSyncOptions capstan = ResourceSyncOptions.of(TestManifests.configMap("ns", "a").syncOptions("Prune=false, PruneLast=true").build());
        ResourceSyncOptions argo = ResourceSyncOptions.of(TestManifests.configMap("ns", "a")
                .annotate("argocd.argoproj.io/sync-options", "Replace=true,Force=true,Prune=confirm").build());

        assertThat(capstan.forbidsPrune()).isTrue();
        assertThat(capstan.pruneLast()).isTrue();
        assertThat(argo.replace()).isTrue();
        assertThat(argo.force()).isTrue();
        assertThat(argo.pruneSetting()).isEqualTo("Prune=confirm");
        assertThat(argo.forbidsPrune()).isTrue();
    }
}
