package dev.capstan.controller.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What identifies a remote repository across the ways its URL is written: the host in lower
 * case, the port unless it is its scheme's default, and the path without leading or trailing
 * {@code /} and without {@code .git}. Scheme and user information do not count, so
 * {@code https://github.com/org/repo.git}, {@code git@github.com:org/repo} and
 * {@code ssh://git@github.com:22/org/repo} are one repository. The path is compared ignoring case
 * only on hosts known to ignore it; elsewhere {@code Org/Repo} and {@code org/repo} may be two
 * repositories.
 */
record RepositoryKey(String host, int port, String path) {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
            "https", 443, "http", 80, "ssh", 22, "git+ssh", 22, "ssh+git", 22, "git", 9418);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    /**
     * The key of a remote URL over HTTP(S), SSH, the git protocol or scp-like {@code user@host:path};
     * empty for anything else (a local path, {@code file://}, an unparseable string).
     */
    static Optional<RepositoryKey> of(String url, Set<String> caseInsensitiveHosts) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.strip();
        String scheme;
        String authority;
        String path;
        int separator = text.indexOf("://");
        if (separator > 0 && SCHEME.matcher(text.substring(0, separator)).matches()) {
            scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
            if (!DEFAULT_PORTS.containsKey(scheme)) {
                return Optional.empty();
            }
            String rest = text.substring(separator + 3);
            int slash = rest.indexOf('/');
            authority = slash < 0 ? rest : rest.substring(0, slash);
            path = slash < 0 ? "" : rest.substring(slash);
            if (scheme.startsWith("http")) {
                path = path.split("[?#]", 2)[0];
            }
        } else {
            // scp-like syntax: [user@]host:path, the colon before any slash
            int colon = text.indexOf(':');
            int slash = text.indexOf('/');
            if (colon < 2 || (slash >= 0 && slash < colon)) {
                return Optional.empty();
            }
            scheme = "ssh";
            authority = text.substring(0, colon);
            path = text.substring(colon + 1);
        }
        String rawPath = path;
        return hostAndPort(authority.substring(authority.lastIndexOf('@') + 1), scheme)
                .flatMap(hostPort -> normalisedPath(rawPath, caseInsensitiveHosts.contains(hostPort.host()))
                        .map(normalised -> new RepositoryKey(hostPort.host(), hostPort.port(), normalised)));
    }

    private record HostPort(String host, int port) {
    }

    private static Optional<HostPort> hostAndPort(String hostPort, String scheme) {
        String host = hostPort;
        String port = "";
        int colon = hostPort.lastIndexOf(':');
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = hostPort.substring(0, close + 1);
            port = close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':' ? hostPort.substring(close + 2) : "";
        } else if (colon >= 0) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        if (host.isEmpty() || (!port.isEmpty() && !DIGITS.matcher(port).matches())) {
            return Optional.empty();
        }
        int number = port.isEmpty() ? -1 : Integer.parseInt(port);
        if (number == DEFAULT_PORTS.get(scheme)) {
            number = -1;
        }
        return Optional.of(new HostPort(host.toLowerCase(Locale.ROOT), number));
    }

    private static Optional<String> normalisedPath(String raw, boolean ignoreCase) {
        String path = SLASHES.matcher(raw).replaceAll("/");
        path = trimSlashes(path);
        if (path.endsWith(".git")) {
            path = trimSlashes(path.substring(0, path.length() - ".git".length()));
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ignoreCase ? path.toLowerCase(Locale.ROOT) : path);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    @Override
    public String toString() {
        return host + (port < 0 ? "" : ":" + port) + "/" + path;
    }
}
