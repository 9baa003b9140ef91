package dev.capstan.git;

import java.util.Objects;

/**
 * How Capstan proves itself to a Git server: nothing, an HTTPS user name with a password or
 * token, or an SSH private key together with the known_hosts lines that the server's host key
 * must match (strict host key checking, no {@code ~/.ssh} involved). {@code toString()} never
 * shows a secret.
 */
public sealed interface RepositoryCredentials {

    static RepositoryCredentials none() {
        return Anonymous.INSTANCE;
    }

    /** HTTPS basic authentication; for a token, any non-empty user name the server accepts. */
    static RepositoryCredentials https(String username, String passwordOrToken) {
        return new UsernamePassword(username, passwordOrToken);
    }

    /**
     * An SSH key in OpenSSH or PEM text form, unencrypted; {@code knownHosts} in known_hosts
     * format, one or more lines, hashed host names allowed.
     */
    static RepositoryCredentials sshKey(String privateKey, String knownHosts) {
        return new SshKey(privateKey, "", knownHosts);
    }

    /** An SSH key encrypted with {@code passphrase}. */
    static RepositoryCredentials sshKey(String privateKey, String passphrase, String knownHosts) {
        return new SshKey(privateKey, passphrase, knownHosts);
    }

    /** No credentials: public repositories. */
    record Anonymous() implements RepositoryCredentials {

        static final Anonymous INSTANCE = new Anonymous();

        @Override
        public String toString() {
            return "none";
        }
    }

    record UsernamePassword(String username, String password) implements RepositoryCredentials {

        public UsernamePassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "https(username=***, password=***)";
        }
    }

    record SshKey(String privateKey, String passphrase, String knownHosts) implements RepositoryCredentials {

        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            passphrase = Objects.requireNonNullElse(passphrase, "");
            knownHosts = Objects.requireNonNullElse(knownHosts, "");
        }

        @Override
        public String toString() {
            return "sshKey(privateKey=***, passphrase=" + (passphrase.isEmpty() ? "none" : "***") + ", knownHosts="
                    + knownHosts.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count() + " lines)";
        }
    }
}
