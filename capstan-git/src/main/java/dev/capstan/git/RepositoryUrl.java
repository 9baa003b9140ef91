package dev.capstan.git;

import dev.capstan.git.GitException.Reason;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * A remote repository's URL in the three forms Capstan needs: the one to connect with (a user
 * name kept, as {@code git@host:org/repo} needs it, a password never), the one to show (no user
 * information at all), and the key its cache directory is named after (scheme and host in lower
 * case, no user, no trailing {@code /} or {@code .git}, so spellings of one repository share one
 * cache). A password written into the URL is taken out and offered as credentials instead.
 */
final class RepositoryUrl {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git");

    private final URIish connect;
    private final String display;
    private final String key;
    private final Optional<RepositoryCredentials> embedded;

    private RepositoryUrl(URIish uri) {
        this.connect = uri.setPass(null);
        this.display = uri.setUser(null).setPass(null).toString();
        this.key = key(uri);
        this.embedded = uri.getUser() != null && uri.getPass() != null
                ? Optional.of(RepositoryCredentials.https(uri.getUser(), uri.getPass()))
                : Optional.empty();
    }

    /**
     * @throws GitException {@code OTHER} for something that is not a remote Git URL over HTTP(S),
     *     SSH or the git protocol (local paths and {@code file://} are refused)
     */
    static RepositoryUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new GitException(Reason.OTHER, "the repository URL is empty");
        }
        URIish uri;
        try {
            uri = new URIish(lowerCaseScheme(url.trim()));
        } catch (URISyntaxException e) {
            throw new GitException(Reason.OTHER, "'" + Redaction.withoutUserInfo(url.trim()) + "' is not a valid repository URL");
        }
        String scheme = uri.getScheme() == null ? (uri.getHost() == null ? "file" : "ssh") : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new GitException(Reason.OTHER, "'" + Redaction.withoutUserInfo(url.trim())
                    + "' is not a remote repository URL: use https://, http://, ssh://, git:// or user@host:path");
        }
        return new RepositoryUrl(uri);
    }

    private static String lowerCaseScheme(String url) {
        int separator = url.indexOf("://");
        return separator > 0 && SCHEME.matcher(url.substring(0, separator)).matches()
                ? url.substring(0, separator).toLowerCase(Locale.ROOT) + url.substring(separator)
                : url;
    }

    /** The URL to hand to JGit: with the user name, without any password. */
    URIish forConnection() {
        return connect;
    }

    /** The URL for messages and logs: no user, no password. */
    @Override
    public String toString() {
        return display;
    }

    /** A name for this repository's cache directory: a hash of the normalised URL, so it holds nothing secret. */
    String cacheDirectoryName() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * The normalised URL the cache key is made of: scheme and host in lower case, no user
     * information, no trailing {@code /} or {@code .git}; {@code user@host:path} as {@code ssh://host/path}.
     */
    String normalised() {
        return key;
    }

    /** User and password written into the URL itself, if there were both. */
    Optional<RepositoryCredentials> embeddedCredentials() {
        return embedded;
    }

    boolean isSsh() {
        return connect.getScheme() == null || connect.getScheme().equalsIgnoreCase("ssh");
    }

    private static String key(URIish uri) {
        String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
    }
}
