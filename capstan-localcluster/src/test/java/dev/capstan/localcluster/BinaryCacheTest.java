package dev.capstan.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryCacheTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_go_fails_the_step_that_finds_it_and_says_how_to_fix_it() {
        var cache = new BinaryCache(dir.resolve("cache"), dir.resolve("no-such-go").toString());

        assertThatThrownBy(() -> cache.ensureBuilt(BuildProgress.silent()))
                .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                    assertThat(e.step()).isEqualTo("find Go");
                    assertThat(e.getMessage()).contains("install Go 1.26", "CAPSTAN_GO");
                });
    }

    @Test
    void a_module_the_proxy_refuses_names_the_build_step_and_shows_the_go_output() {
        Path go = FakeExecutables.script(dir.resolve("bin"), "go", """
                case "$1" in
                  env) printf 'go1.26.8\\nlinux\\namd64\\n' ;;
                  *) echo "go: go.etcd.io/etcd/server/v3@v3.6.16: reading https://proxy.invalid/...: 403 Forbidden"
                     echo "        server response: not available"
                     exit 1 ;;
                esac""");
        var cache = new BinaryCache(dir.resolve("cache"), go.toString());

        assertThatThrownBy(() -> cache.ensureBuilt(BuildProgress.silent()))
                .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                    assertThat(e.step()).isEqualTo("download modules for etcd " + ControlPlaneRecipe.ETCD_VERSION);
                    assertThat(e.getMessage()).contains("not served by the Go module proxy");
                    assertThat(e.logTail()).contains("403 Forbidden");
                });
        assertThat(cache.find()).isEmpty();
    }

    @Test
    void a_failed_build_leaves_no_half_built_directory_behind() throws Exception {
        Path go = FakeExecutables.script(dir.resolve("bin"), "go", """
                case "$1" in
                  env) printf 'go1.26.8\\nlinux\\namd64\\n' ;;
                  list) echo runtime ;;
                  build) echo "compile: internal error"; exit 2 ;;
                esac""");
        var cache = new BinaryCache(dir.resolve("cache"), go.toString());

        assertThatThrownBy(() -> cache.ensureBuilt(BuildProgress.silent()))
                .isInstanceOfSatisfying(ControlPlaneException.class,
                        e -> assertThat(e.step()).isEqualTo("build etcd " + ControlPlaneRecipe.ETCD_VERSION));
        try (var entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".build-"))
                    .noneMatch(name -> name.equals(cache.key()));
        }
    }

    @Test
    void the_cache_key_names_versions_go_and_platform_and_hashes_the_recipe() {
        String key = ControlPlaneRecipe.cacheKey("go1.26.8", "linux", "amd64");

        assertThat(key).startsWith("k8s-1.36.3_etcd-3.6.16_kwok-0.8.0_go1.26.8_linux-amd64_")
                .endsWith(ControlPlaneRecipe.recipeHash().substring(0, 12));
        assertThat(ControlPlaneRecipe.cacheKey("go1.27.0", "linux", "amd64")).isNotEqualTo(key);
    }
}
