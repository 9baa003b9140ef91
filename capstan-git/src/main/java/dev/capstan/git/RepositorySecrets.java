package dev.capstan.git;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which credentials a repository URL gets, from the Secrets users store them in (in Capstan's
 * namespace, labelled {@value #TYPE_LABEL}). A Secret labelled {@value #REPOSITORY} is one
 * repository: its {@code url} must name the same repository (compared normalised, so
 * {@code HTTPS://Host/org/repo.git/} and {@code https://host/org/repo} match). A Secret
 * labelled {@value #CREDENTIAL_TEMPLATE} is a credential template, as Argo CD's repo-creds: it
 * serves every repository below its {@code url}, the longest such URL winning. A repository
 * Secret with credentials wins over any template; one without credentials (a public repository
 * that was registered) falls back to the templates.
 *
 * <p>This class reads decoded Secret data, so it needs no Kubernetes client: the controller and
 * the CLI decode the Secrets they list and hand the data over.
 */
public final class RepositorySecrets {

    /** The label that marks a Secret as Capstan's, with the values below. */
    public static final String TYPE_LABEL = "capstan.dev/secret-type";
    /** Label value of a Secret for one repository. */
    public static final String REPOSITORY = "repository";
    /** Label value of a credential template for every repository below its URL. */
    public static final String CREDENTIAL_TEMPLATE = "repo-creds";

    /** Data keys, as Argo CD names them. */
    public static final String URL = "url";
    public static final String TYPE = "type";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String SSH_PRIVATE_KEY = "sshPrivateKey";
    public static final String SSH_KNOWN_HOSTS = "sshKnownHosts";

    /**
     * The user name sent with a password that came without one: servers that take tokens accept
     * any non-empty user name.
     */
    static final String TOKEN_USERNAME = "git";

    private RepositorySecrets() {
    }

    /**
     * One Secret: its name, the value of its {@value #TYPE_LABEL} label, and its data decoded
     * from base64.
     */
    public record Entry(String name, String secretType, Map<String, String> data) {

        public Entry {
            Objects.requireNonNull(name, "name");
            data = Map.copyOf(data);
        }

        /** The {@code url} value, or empty. */
        public String url() {
            return data.getOrDefault(URL, "");
        }
    }

    /**
     * The credentials for {@code url}: those of the repository Secret for it, else those of the
     * credential template with the longest URL it lies below, else none. Secrets whose URL is
     * not a valid repository URL are passed over.
     *
     * @throws GitException {@code OTHER} when {@code url} itself is not a remote repository URL
     */
    public static RepositoryCredentials credentialsFor(List<Entry> secrets, String url) {
        String repository = RepositoryUrl.parse(url).normalised();
        Optional<RepositoryCredentials> own = secrets.stream()
                .filter(secret -> REPOSITORY.equals(secret.secretType()))
                .filter(secret -> normalisedOrEmpty(secret.url()).equals(Optional.of(repository)))
                .sorted(Comparator.comparing(Entry::name))
                .map(secret -> credentialsOf(secret.data()))
                .flatMap(Optional::stream)
                .findFirst();
        if (own.isPresent()) {
            return own.get();
        }
        return secrets.stream()
                .filter(secret -> CREDENTIAL_TEMPLATE.equals(secret.secretType()))
                .flatMap(secret -> templatePrefix(secret.url())
                        .filter(prefix -> repository.equals(prefix) || repository.startsWith(prefix + "/"))
                        .flatMap(prefix -> credentialsOf(secret.data()).map(credentials -> new Match(prefix, secret.name(), credentials)))
                        .stream())
                .min(Comparator.comparing((Match match) -> -match.prefix().length()).thenComparing(Match::name))
                .map(Match::credentials)
                .orElse(RepositoryCredentials.none());
    }

    /**
     * The normalised form of a repository URL, equal for every spelling of one repository:
     * scheme and host in lower case, no user information, no trailing {@code /} or {@code .git}.
     *
     * @throws GitException {@code OTHER} for something that is not a remote repository URL
     */
    public static String normalise(String url) {
        return RepositoryUrl.parse(url).normalised();
    }

    /** The name a repository's Secret gets: {@code repo-} and the first ten hex digits of the SHA-256 of the normalised URL. */
    public static String secretName(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalise(url).getBytes(StandardCharsets.UTF_8));
            return "repo-" + HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The credentials a Secret's data holds: an SSH key, else a password or token, else none. */
    static Optional<RepositoryCredentials> credentialsOf(Map<String, String> data) {
        String key = data.getOrDefault(SSH_PRIVATE_KEY, "");
        if (!key.isBlank()) {
            return Optional.of(RepositoryCredentials.sshKey(key, data.getOrDefault(SSH_KNOWN_HOSTS, "")));
        }
        String password = data.getOrDefault(PASSWORD, "");
        if (!password.isEmpty()) {
            String username = data.getOrDefault(USERNAME, "");
            return Optional.of(RepositoryCredentials.https(username.isBlank() ? TOKEN_USERNAME : username, password));
        }
        return Optional.empty();
    }

    /** Whether {@code url} names the repository whose normalised URL is {@code normalised}; false for no URL or a malformed one. */
    public static boolean sameRepository(String url, String normalised) {
        return url != null && normalisedOrEmpty(url).equals(Optional.of(normalised));
    }

    private static Optional<String> normalisedOrEmpty(String url) {
        try {
            return Optional.of(RepositoryUrl.parse(url).normalised());
        } catch (GitException e) {
            return Optional.empty();
        }
    }

    /** A template's URL normalised, without the trailing {@code /} a host-only URL keeps. */
    private static Optional<String> templatePrefix(String url) {
        return normalisedOrEmpty(url).map(prefix -> prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    }

    private record Match(String prefix, String name, RepositoryCredentials credentials) {
    }
}
