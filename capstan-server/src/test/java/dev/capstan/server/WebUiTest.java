package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebUiTest {

    private final WebUi ui = new WebUi(getClass().getClassLoader(), "dev/capstan/testui/");

    @Test
    void a_file_is_served_and_hashed_assets_are_cached_long() {
        WebUi.Asset asset = ui.get("/assets/app-3f9a1c2b.js");
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).startsWith("text/javascript");
        assertThat(asset.cacheControl()).contains("max-age=31536000", "immutable");
        assertThat(ui.get("/robots.txt").cacheControl()).doesNotContain("immutable");
    }

    @Test
    void deep_links_and_missing_files_get_index_html_which_is_never_cached() {
        for (String path : new String[] {"/", "/applications/web", "/assets/gone-12345678.js", "/index.html"}) {
            WebUi.Asset asset = ui.get(path);
            assertThat(asset.status()).as(path).isEqualTo(200);
            assertThat(asset.cacheControl()).isEqualTo("no-cache");
            assertThat(new String(asset.body(), StandardCharsets.UTF_8)).contains("Capstan UI");
        }
    }

    @Test
    void a_path_that_climbs_out_of_the_root_names_no_file() {
        assertThat(WebUi.fileName("/../dev/capstan/server/openapi.json")).isEmpty();
        assertThat(WebUi.fileName("/assets/../../x")).isEmpty();
        assertThat(WebUi.fileName("/assets/")).isEmpty();
        assertThat(new String(ui.get("/../../dev/capstan/server/openapi.json").body(), StandardCharsets.UTF_8)).contains("Capstan UI");
    }

    @Test
    void without_the_ui_in_the_build_every_page_is_a_404_saying_so() {
        var absent = new WebUi(getClass().getClassLoader(), "dev/capstan/no-such-ui/");
        assertThat(absent.present()).isFalse();
        WebUi.Asset asset = absent.get("/applications/web");
        assertThat(asset.status()).isEqualTo(404);
        assertThat(new String(asset.body(), StandardCharsets.UTF_8)).contains("The web UI is not in this build");
    }
}
