package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charts from OCI registries ({@code oci://registry.example.com/charts} with chart {@code web}
 * is the repository {@code charts/web} of that registry, each chart version a tag), read through
 * the OCI distribution API: the tag's manifest names the chart's layer, whose blob is the
 * packaged chart, checked against its digest. Registries that ask for credentials get them the
 * way they ask: HTTP basic authentication, or a bearer token from the registry's token service
 * (anonymous when no credentials are given). Credentials go only to the registry and its token
 * service, never along a redirect to blob storage elsewhere.
 *
 * <p>Registries are spoken to over HTTPS, except on loopback addresses, which get plain HTTP
 * (as local registries run).
 */
final class OciRegistry {

    static final String SCHEME = "oci://";
    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final long maxBytes;

    /** @param http a client that does not follow redirects itself */
    OciRegistry(HttpClient http, Duration requestTimeout, long maxBytes) {
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.maxBytes = maxBytes;
    }

    static boolean isOci(ChartReference reference) {
        return reference.repositoryUrl().startsWith(SCHEME);
    }

    /** The versions the registry has of the chart: its tags, with {@code _} read as {@code +} as Helm writes them. */
    List<String> versions(ChartReference reference) {
        var session = new Session(reference);
        JsonNode tags = json(session.get(session.api("tags/list"), "application/json", "the list of tags"), reference, "the list of tags");
        var versions = new ArrayList<String>();
        tags.path("tags").forEach(tag -> versions.add(tag.asString().replace('_', '+')));
        return versions;
    }

    /** The packaged chart of {@code version}, checked against the digest its manifest gives. */
    byte[] chart(ChartReference reference, String version) {
        var session = new Session(reference);
        String what = "the manifest of version " + version;
        JsonNode manifest = json(session.get(session.api("manifests/" + version.replace('+', '_')), MANIFEST, what), reference, what);
        String digest = "";
        for (JsonNode layer : manifest.path("layers")) {
            if (CHART_LAYER.equals(layer.path("mediaType").asString(""))) {
                digest = layer.path("digest").asString("");
            }
        }
        if (!digest.startsWith("sha256:")) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, reference + ": version " + version
                    + " in the registry is not a Helm chart (its manifest has no layer of type " + CHART_LAYER + ")");
        }
        byte[] chart = session.get(session.api("blobs/" + digest), "*/*", "the chart of version " + version);
        if (!digest.substring("sha256:".length()).equalsIgnoreCase(ChartRepository.sha256(chart))) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, reference + ": the chart of version " + version
                    + " does not have the digest its manifest gives it");
        }
        return chart;
    }

    private static JsonNode json(byte[] bytes, ChartReference reference, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new RenderException(Reason.MALFORMED, Origin.NONE, reference + ": " + what + " from the registry is not JSON", e);
        }
    }

    /** The requests of one fetch: where the registry is, and the authorization it asked for, once it has. */
    private final class Session {
        private final ChartReference reference;
        private final URI registry;
        private final String repository;
        private Optional<String> authorization = Optional.empty();

        Session(ChartReference reference) {
            this.reference = reference;
            String rest = reference.repositoryUrl().substring(SCHEME.length()).replaceAll("/+$", "");
            int slash = rest.indexOf('/');
            String host = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            try {
                this.registry = URI.create((loopback(host) ? "http://" : "https://") + host + "/");
            } catch (IllegalArgumentException e) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference + ": " + host + " is not a registry host");
            }
            this.repository = path.isEmpty() ? reference.chart() : path + "/" + reference.chart();
        }

        URI api(String tail) {
            return registry.resolve("v2/" + repository + "/" + tail);
        }

        byte[] get(URI url, String accept, String what) {
            URI current = url;
            boolean challenged = false;
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                boolean ours = sameOrigin(current, registry);
                HttpResponse<InputStream> response = send(current, accept, ours ? authorization : Optional.empty(), what);
                int status = response.statusCode();
                if (status == 401 && ours && !challenged) {
                    close(response);
                    challenged = true;
                    authorization = Optional.of(answer(response.headers().firstValue("WWW-Authenticate").orElse(""), what));
                    hop--;
                    continue;
                }
                if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                    close(response);
                    current = current.resolve(response.headers().firstValue("Location").get());
                    continue;
                }
                return ChartRepository.body(response, reference, "registry", what, maxBytes);
            }
            throw new RenderException(Reason.IO, Origin.NONE, reference + ": more than " + MAX_REDIRECTS + " redirects for " + what);
        }

        /** The {@code Authorization} header a 401's challenge asks for. */
        private String answer(String challenge, String what) {
            if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
                if (!reference.credentials().isPresent()) {
                    throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference
                            + ": the registry refused to answer without credentials for " + what + " (HTTP 401)");
                }
                return ChartRepository.basic(reference.credentials());
            }
            if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference + ": the registry asks for an authentication "
                        + "Capstan does not speak for " + what + " (HTTP 401)");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
            while (matcher.find()) {
                parameters.put(matcher.group(1).toLowerCase(), matcher.group(2));
            }
            String realm = parameters.getOrDefault("realm", "");
            if (realm.isEmpty()) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference + ": the registry's bearer challenge names no token service");
            }
            String scope = parameters.getOrDefault("scope", "repository:" + repository + ":pull");
            StringBuilder query = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?").append("scope=").append(encode(scope));
            if (parameters.containsKey("service")) {
                query.append("&service=").append(encode(parameters.get("service")));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(query.toString())).timeout(requestTimeout).GET();
            if (reference.credentials().isPresent()) {
                request.header("Authorization", ChartRepository.basic(reference.credentials()));
            }
            HttpResponse<InputStream> response = send(request.build(), "a token for " + what);
            JsonNode token = json(ChartRepository.body(response, reference, "registry's token service", "a token for " + what, maxBytes),
                    reference, "the token service's answer");
            String value = token.path("token").asString(token.path("access_token").asString(""));
            if (value.isEmpty()) {
                throw new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, reference + ": the registry's token service gave no token");
            }
            return "Bearer " + value;
        }

        private HttpResponse<InputStream> send(URI url, String accept, Optional<String> auth, String what) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout).header("Accept", accept).GET();
            auth.ifPresent(value -> request.header("Authorization", value));
            return send(request.build(), what);
        }

        private HttpResponse<InputStream> send(HttpRequest request, String what) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new RenderException(Reason.IO, Origin.NONE, reference + ": cannot read " + what + ": " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenderException(Reason.IO, Origin.NONE, reference + ": interrupted while reading " + what, e);
            }
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing more will be read from this response
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static boolean sameOrigin(URI url, URI base) {
        return Objects.equals(url.getScheme(), base.getScheme()) && Objects.equals(url.getHost(), base.getHost()) && url.getPort() == base.getPort();
    }

    private static boolean loopback(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(1, Math.max(1, hostAndPort.indexOf(']')))
                : hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.lastIndexOf(':')) : hostAndPort;
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: not resolved here, so a name never turns HTTPS off
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
