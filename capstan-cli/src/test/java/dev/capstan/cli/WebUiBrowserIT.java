package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

/**
 * The web UI in a real browser (Debian's Chromium, driven by Playwright) against the real API,
 * controller, access control and control plane: log in with the initial admin password, see the
 * applications, sync one from the dialog, see its Pod under its Deployment in the tree, change a
 * managed object by hand and see OutOfSync with the diff, sync it back, and roll back to an
 * earlier revision from the history. Screenshots of the list and the tree are written to
 * {@code target/ui-screenshots/}.
 */
@WithControlPlane
class WebUiBrowserIT {

    private static final double TIMEOUT_MS = 60_000;
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    @TempDir
    static Path temporary;

    private static ServedCapstan capstan;
    private static Playwright playwright;
    private static Browser browser;
    private static String destination;

    @BeforeAll
    static void start(KubernetesClient client, TestNamespace namespace) throws Exception {
        capstan = ServedCapstan.start(client, namespace.name(), temporary);
        destination = "web-" + namespace.name();
        capstan.git.create("shop").commit("main", Map.of(
                "web/config.yaml", configMap("blue"),
                "web/web.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          replicas: 1
                          selector: {matchLabels: {app: web}}
                          template:
                            metadata: {labels: {app: web}}
                            spec:
                              containers: [{name: web, image: registry.example/web:1.0}]
                        """), "web, blue");
        capstan.createApplication("web", "shop", "web", destination);
        capstan.createApplication("docs", "shop", "web", "docs-" + namespace.name());
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium())
                .setHeadless(true).setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (capstan != null) {
            capstan.close();
        }
    }

    @Test
    void log_in_see_the_tree_heal_drift_from_the_sync_dialog_and_roll_back_from_history() {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900)).newPage();
        page.setDefaultTimeout(TIMEOUT_MS);

        page.navigate(capstan.url() + "/applications");
        page.getByTestId("login-username").fill("admin");
        page.getByTestId("login-password").fill(capstan.initialAdminPassword());
        page.getByTestId("login-submit").click();

        expect(page.getByTestId("app-tile-web")).isVisible();
        expect(page.getByTestId("app-tile-docs")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("applications.png")).setFullPage(true));

        page.getByTestId("app-link-web").click();
        sync(page);
        Locator header = page.getByTestId("app-header");
        expect(header.getByTestId("sync-status")).hasAttribute("data-status", "Synced", patiently());

        expect(page.getByTestId("tree-node-apps/Deployment/" + destination + "/web")).isVisible();
        Locator pod = page.locator("[data-testid^='tree-node-/Pod/" + destination + "/web-']");
        expect(pod.first()).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tree.png")).setFullPage(true));

        capstan.client.resource(configMapObject("red")).fieldManager("someone-with-kubectl").forceConflicts().serverSideApply();
        expect(header.getByTestId("sync-status")).hasAttribute("data-status", "OutOfSync", patiently());
        page.getByTestId("tree-node-/ConfigMap/" + destination + "/settings").click();
        page.getByTestId("panel-tab-diff").click();
        expect(page.getByTestId("diff")).containsText("red");
        expect(page.getByTestId("tree-node-/ConfigMap/" + destination + "/settings").getByTestId("node-sync"))
                .hasAttribute("data-status", "OutOfSync", patiently());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("diff.png")).setFullPage(true));
        page.getByTestId("panel-close").click();

        sync(page);
        expect(header.getByTestId("sync-status")).hasAttribute("data-status", "Synced", patiently());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(colour()).isEqualTo("blue"));

        capstan.git.repository("shop").commit("main", Map.of("web/config.yaml", configMap("green")), "green");
        page.getByTestId("refresh-button").click();
        expect(header.getByTestId("sync-status")).hasAttribute("data-status", "OutOfSync", patiently());
        sync(page);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(colour()).isEqualTo("green"));

        page.getByTestId("history-button").click();
        expect(page.getByTestId("history-entry-0")).isVisible();
        page.getByTestId("rollback-button-0").click();
        page.getByTestId("rollback-confirm").click();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(colour()).as("rolled back to the first sync").isEqualTo("blue"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("rolled-back.png")).setFullPage(true));
    }

    private static void sync(Page page) {
        page.getByTestId("sync-button").click();
        page.getByTestId("sync-submit").click();
        expect(page.getByTestId("sync-dialog")).isHidden();
    }

    private static String colour() {
        ConfigMap settings = capstan.client.configMaps().inNamespace(destination).withName("settings").get();
        return settings == null ? null : settings.getData().get("colour");
    }

    private static ConfigMap configMapObject(String colour) {
        return new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(destination).endMetadata()
                .addToData("colour", colour).build();
    }

    private static String configMap(String colour) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {colour: %s}
                """.formatted(colour);
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static LocatorAssertions.HasAttributeOptions patiently() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(TIMEOUT_MS);
    }

    /** Debian's Chromium, or the one {@code $CAPSTAN_CHROMIUM} names; run-tests installs it. */
    private static Path chromium() {
        String named = System.getenv("CAPSTAN_CHROMIUM");
        Path path = Path.of(named == null || named.isBlank() ? "/usr/bin/chromium" : named);
        assertThat(path).as("Chromium for the browser tests (./run-tests installs Debian's chromium package; or set CAPSTAN_CHROMIUM)")
                .isExecutable();
        return path;
    }
}
