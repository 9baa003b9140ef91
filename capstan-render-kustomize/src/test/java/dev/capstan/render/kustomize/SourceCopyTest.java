package dev.capstan.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceCopyTest {

    @Test
    void joins_an_entry_to_its_kustomizations_directory() {
        assertThat(SourceCopy.join("apps/web/overlays/dev", "../../base")).contains("apps/web/base");
        assertThat(SourceCopy.join("apps/web", "./deployment.yaml")).contains("apps/web/deployment.yaml");
        assertThat(SourceCopy.join("apps", "..")).contains(".");
        assertThat(SourceCopy.join(".", "base")).contains("base");
    }

    @Test
    void an_entry_that_climbs_above_the_root_or_is_absolute_has_no_path() {
        assertThat(SourceCopy.join("apps/web", "../../../outside")).isEqualTo(Optional.empty());
        assertThat(SourceCopy.join(".", "../outside")).isEmpty();
        assertThat(SourceCopy.join("apps", "/etc/kubernetes")).isEmpty();
    }

    @Test
    void tells_remote_bases_from_local_paths() {
        assertThat(SourceCopy.isRemote("https://github.com/example/app//base?ref=v1")).isTrue();
        assertThat(SourceCopy.isRemote("github.com/example/app/base?ref=v1")).isTrue();
        assertThat(SourceCopy.isRemote("git@github.com:example/app.git")).isTrue();
        assertThat(SourceCopy.isRemote("../base")).isFalse();
        assertThat(SourceCopy.isRemote("deployment.yaml")).isFalse();
    }
}
