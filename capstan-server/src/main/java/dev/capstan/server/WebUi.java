package dev.capstan.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web UI's files, from the class path directory {@value #ROOT} (where the capstan-ui jar puts
 * its build), as a single-page application: a path that names a file gets it, any other path gets
 * {@code index.html}, whose router shows the page. {@code index.html} is never cached; files with
 * a content hash in their name are cached for a year. Without the UI in the build every page is a
 * 404 saying so. Files are read once and kept.
 */
final class WebUi {

    static final String ROOT = "dev/capstan/ui/";
    static final String INDEX = "index.html";
    static final String NO_UI_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Capstan</title></head>
            <body><h1>Capstan</h1><p>The web UI is not in this build. The API is served under <code>/api/v1</code>
            (see <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>).</p></body></html>
            """;
    private static final Pattern HASHED = Pattern.compile(".*[.-][A-Za-z0-9_]{8,}\\.[a-z0-9]+$");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"), Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("webmanifest", "application/manifest+json"));

    /** A file to answer with. */
    record Asset(int status, String contentType, String cacheControl, byte[] body) {
    }

    private final ClassLoader loader;
    private final String root;
    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    WebUi(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    static WebUi fromClassPath() {
        return new WebUi(WebUi.class.getClassLoader(), ROOT);
    }

    boolean present() {
        return file(INDEX).isPresent();
    }

    /** What a GET of {@code path} answers: the file it names, else {@code index.html}, else the page saying the UI is absent. */
    Asset get(String path) {
        Optional<String> name = fileName(path);
        if (name.isPresent() && !name.get().equals(INDEX)) {
            Optional<byte[]> body = file(name.get());
            if (body.isPresent()) {
                String cache = HASHED.matcher(name.get()).matches() ? "public, max-age=31536000, immutable" : "public, max-age=300";
                return new Asset(200, contentType(name.get()), cache, body.get());
            }
        }
        return file(INDEX).map(body -> new Asset(200, TYPES.get("html"), "no-cache", body))
                .orElseGet(() -> new Asset(404, TYPES.get("html"), "no-cache", NO_UI_PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The file a URL path may name, relative to the root; empty for the root itself and for anything that climbs out. */
    static Optional<String> fileName(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.isEmpty() || relative.endsWith("/")) {
            return Optional.empty();
        }
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(relative);
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private Optional<byte[]> file(String name) {
        return files.computeIfAbsent(name, this::read);
    }

    private Optional<byte[]> read(String name) {
        URL url = loader.getResource(root + name);
        if (url == null || isDirectory(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the UI file " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDirectory(URL url) {
        try {
            return switch (url.getProtocol()) {
                case "file" -> Files.isDirectory(Path.of(url.toURI()));
                case "jar" -> ((JarURLConnection) url.openConnection()).getJarEntry().isDirectory();
                default -> false;
            };
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return true;
        }
    }
}
