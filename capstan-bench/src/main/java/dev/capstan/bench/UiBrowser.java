package dev.capstan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright, logged in to Capstan's web UI once: every
 * measurement takes a fresh page of the same browser context, so the session cookie stays, and so
 * does the HTTP cache of the UI's files (a user coming back, not a first visit). Errors the pages
 * throw are collected, so a run that only looks fast because the UI failed is caught.
 */
final class UiBrowser implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;
    private final String url;
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

    private UiBrowser(Playwright playwright, Browser browser, BrowserContext context, String url) {
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
        this.url = url;
    }

    /** Starts Chromium and logs in as {@code username} through the UI's login form. */
    static UiBrowser launch(String url, String username, String password) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium())
                    .setHeadless(true).setArgs(List.of("--no-sandbox")));
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900).setLocale("en-US"));
            context.setDefaultTimeout(TIMEOUT.toMillis());
            context.setDefaultNavigationTimeout(TIMEOUT.toMillis());
            var ui = new UiBrowser(playwright, browser, context, url);
            ui.logIn(username, password);
            return ui;
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    private void logIn(String username, String password) {
        Page page = newPage();
        try {
            page.navigate(url + "/login?return=/applications");
            page.getByTestId("login-username").fill(username);
            page.getByTestId("login-password").fill(password);
            page.getByTestId("login-submit").click();
            page.waitForURL(address -> !address.contains("/login"));
            Object status = page.evaluate("() => fetch('/api/v1/session/userinfo').then(answer => answer.status)");
            if (!Integer.valueOf(200).equals(status)) {
                throw new IllegalStateException("the login did not hold: GET /api/v1/session/userinfo answered " + status);
            }
        } finally {
            page.close();
        }
    }

    /** A fresh page of the logged-in context; the caller closes it. */
    Page newPage() {
        Page page = context.newPage();
        page.onPageError(error -> pageErrors.add(error));
        return page;
    }

    String url() {
        return url;
    }

    /** What the pages threw so far (uncaught errors), oldest first. */
    List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    String version() {
        return browser.version();
    }

    /** Debian's Chromium, or the one {@code $CAPSTAN_CHROMIUM} names (as the browser tests). */
    private static Path chromium() {
        String named = System.getenv("CAPSTAN_CHROMIUM");
        Path path = Path.of(named == null || named.isBlank() ? "/usr/bin/chromium" : named);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no Chromium at " + path + " (apt-get install chromium, or set CAPSTAN_CHROMIUM)");
        }
        return path;
    }

    @Override
    public void close() {
        try {
            context.close();
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
