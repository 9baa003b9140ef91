package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.SemanticVersion;
import dev.capstan.engine.VersionConstraint;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.Objects;

/**
 * A chart in a Helm repository: the repository's URL (where its {@code index.yaml} is), the
 * chart's name, its version, and the credentials to read the repository with, if it needs any.
 *
 * @param version an exact version; a version range such as {@code ^1.2} or {@code 1.x}; or empty or
 *     {@code *} for the newest version that is not a pre-release
 */
public record ChartReference(String repositoryUrl, String chart, String version, Credentials credentials) {

    public ChartReference {
        Objects.requireNonNull(repositoryUrl, "repositoryUrl");
        Objects.requireNonNull(chart, "chart");
        version = Objects.requireNonNullElse(version, "").strip();
        credentials = Objects.requireNonNullElse(credentials, Credentials.NONE);
    }

    public static ChartReference of(String repositoryUrl, String chart, String version) {
        return new ChartReference(repositoryUrl, chart, version, Credentials.NONE);
    }

    public ChartReference withCredentials(Credentials newCredentials) {
        return new ChartReference(repositoryUrl, chart, version, newCredentials);
    }

    /** Whether {@link #version()} names one version rather than a range to choose the highest of. */
    boolean isExactVersion() {
        return SemanticVersion.parseTag(version).isPresent();
    }

    /** The range {@link #version()} states; empty means any release. */
    VersionConstraint constraint() {
        return VersionConstraint.parse(version.isEmpty() ? "*" : version).orElseThrow(() -> new RenderException(Reason.INVALID_OPTIONS,
                Origin.NONE, this + ": " + version + " is neither a chart version nor a version range"));
    }

    /** {@code chart web 1.2.0 from https://charts.example.org}; never the credentials. */
    @Override
    public String toString() {
        return "chart " + chart + (version.isEmpty() ? "" : " " + version) + " from " + repositoryUrl;
    }

    /** A user name and password for HTTP basic authentication; {@link #NONE} for a public repository. */
    public record Credentials(String username, String password) {

        public static final Credentials NONE = new Credentials("", "");

        public Credentials {
            username = Objects.requireNonNullElse(username, "");
            password = Objects.requireNonNullElse(password, "");
        }

        public boolean isPresent() {
            return !username.isEmpty() || !password.isEmpty();
        }

        @Override
        public String toString() {
            return isPresent() ? "Credentials[username=" + username + ", password=***]" : "Credentials[none]";
        }
    }
}
