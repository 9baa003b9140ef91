package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Charts from Helm repositories over HTTP: the repository's {@code index.yaml} says where each
 * version of a chart is packaged; the package is downloaded once and kept on disk by
 * (repository URL, chart, version). A cached exact version is used without asking the
 * repository again, as chart versions are immutable. Credentials are sent only to the
 * repository's own scheme, host and port, never to a package that lies elsewhere.
 *
 * <p>Charts in OCI registries ({@code oci://host/path}) are read by {@link OciRegistry} and
 * cached the same way; their versions are the registry's tags.
 */
public final class ChartRepository {

    /** The largest index or package read (bitnami's index is tens of MiB). */
    static final long MAX_DOWNLOAD_BYTES = 128L * 1024 * 1024;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Path cache;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final OciRegistry registries;

    /** @param cache the directory packages are kept in; made if missing */
    public ChartRepository(Path cache) {
        this(cache, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build(),
                Duration.ofSeconds(60));
    }

    public ChartRepository(Path cache, HttpClient http, Duration requestTimeout) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.registries = new OciRegistry(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build(), requestTimeout, MAX_DOWNLOAD_BYTES);
    }

    /**
     * The packaged chart, from the cache or downloaded into it.
     *
     * @throws RenderException {@code NOT_FOUND} for a chart or version the repository does not
     *     have, {@code INVALID_OPTIONS} for refused credentials, {@code IO} when the repository
     *     cannot be reached (transient)
     */
    public Path fetch(ChartReference reference) {
        if (reference.isExactVersion()) {
            Path cached = cached(reference, reference.version());
            if (Files.isRegularFile(cached)) {
                return cached;
            }
        }
        if (OciRegistry.isOci(reference)) {
            return fetchFromRegistry(reference);
        }
        URI base = base(reference);
        RepositoryIndex.Version version = RepositoryIndex.parse(index(base, reference), reference).select(reference);
        Path cached = cached(reference, version.version());
        if (!Files.isRegularFile(cached)) {
            download(base, version, reference, cached);
        }
        return cached;
    }

    /**
     * The exact version {@code reference} names now: its own when exact, or else the highest that
     * its range admits among the versions the repository (its index) or registry (its tags) has.
     *
     * @throws RenderException as {@link #fetch} does
     */
    public String resolve(ChartReference reference) {
        if (reference.isExactVersion()) {
            return reference.version();
        }
        if (OciRegistry.isOci(reference)) {
            return RepositoryIndex.ofVersions(registries.versions(reference)).select(reference).version();
        }
        URI base = base(reference);
        return RepositoryIndex.parse(index(base, reference), reference).select(reference).version();
    }

    private Path fetchFromRegistry(ChartReference reference) {
        String version = reference.isExactVersion() ? reference.version()
                : RepositoryIndex.ofVersions(registries.versions(reference)).select(reference).version();
        Path cached = cached(reference, version);
        if (!Files.isRegularFile(cached)) {
            store(registries.chart(reference, version), cached);
        }
        return cached;
    }

    private JsonNode index(URI base, ChartReference reference) {
        byte[] bytes = get(base.resolve("index.yaml"), base, reference, "the repository's index.yaml");
        try {
            return YAML.readTree(bytes);
        } catch (JacksonException e) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, reference + ": the repository's index.yaml is not valid YAML", e);
        }
    }

    private void download(URI base, RepositoryIndex.Version version, ChartReference reference, Path cached) {
        URI url = base.resolve(version.url());
        byte[] bytes = get(url, base, reference, "the package " + version.url());
        if (!version.digest().isEmpty() && !version.digest().equalsIgnoreCase(sha256(bytes))) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, reference + ": the package " + version.url()
                    + " does not have the digest the index gives it");
        }
        store(bytes, cached);
    }

    private static void store(byte[] bytes, Path cached) {
        try {
            Files.createDirectories(cached.getParent());
            Path partial = Files.createTempFile(cached.getParent(), "download-", ".part");
            Files.write(partial, bytes);
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] get(URI url, URI base, ChartReference reference, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET();
        if (reference.credentials().isPresent() && OciRegistry.sameOrigin(url, base)) {
            request.header("Authorization", basic(reference.credentials()));
        }
        try {
            return body(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()), reference, "repository", what, MAX_DOWNLOAD_BYTES);
        } catch (IOException e) {
            throw new RenderException(Reason.IO, Origin.NONE, reference + ": cannot read " + what + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(Reason.IO, Origin.NONE, reference + ": interrupted while reading " + what, e);
        }
    }

    /**
     * The body of a successful answer, at most {@code maxBytes}; an unsuccessful one is a
     * {@link RenderException} saying what {@code server} (the repository, the registry) refused.
     */
    static byte[] body(HttpResponse<InputStream> response, ChartReference reference, String server, String what, long maxBytes) {
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference + ": the " + server + " refused "
                        + (reference.credentials().isPresent() ? "the credentials" : "to answer without credentials") + " for " + what + " (HTTP " + status + ")");
            }
            if (status == 404) {
                throw new RenderException(Reason.NOT_FOUND, Origin.NONE, reference + ": " + what + " is not in the " + server + " (HTTP 404)");
            }
            if (status / 100 != 2) {
                throw new RenderException(status / 100 == 5 || status == 429 ? Reason.IO : Reason.NOT_FOUND, Origin.NONE,
                        reference + ": the " + server + " answered HTTP " + status + " for " + what);
            }
            byte[] bytes = body.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new RenderException(Reason.TOO_LARGE, Origin.NONE, reference + ": " + what + " is larger than the limit of "
                        + RenderLimits.describeBytes(maxBytes));
            }
            return bytes;
        } catch (IOException e) {
            throw new RenderException(Reason.IO, Origin.NONE, reference + ": cannot read " + what + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The {@code Authorization} header of HTTP basic authentication. */
    static String basic(ChartReference.Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static URI base(ChartReference reference) {
        String url = reference.repositoryUrl();
        try {
            URI uri = URI.create(url.endsWith("/") ? url : url + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not HTTP");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference + ": the repository URL must be an http:// or https:// URL");
        }
    }

    private Path cached(ChartReference reference, String version) {
        String key = sha256((reference.repositoryUrl().replaceAll("/+$", "") + "\n" + reference.chart() + "\n" + version).getBytes(StandardCharsets.UTF_8));
        return cache.resolve(key.substring(0, 2)).resolve(key + ".tgz");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
