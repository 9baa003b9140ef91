package dev.capstan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;

import dev.capstan.controller.RepositorySecretEntries;
import dev.capstan.git.GitException;
import dev.capstan.git.RepositorySecrets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Register a Git repository, with a user name and password or token (HTTPS) or a private key "
                + "and known hosts (SSH), as a Secret labelled " + RepositorySecrets.TYPE_LABEL + "=" + RepositorySecrets.REPOSITORY
                + " named repo-<hash of the URL>. Secrets are never printed.",
                "A repository registered already is left alone when nothing changes, replaced with --upsert, and refused otherwise."})
final class RepoAddCommand extends CapstanSubcommand {

    @Parameters(index = "0", paramLabel = "URL", description = "URL of the repository: https://, http://, ssh://, git:// or user@host:path.")
    private String url;

    @Option(names = "--username", paramLabel = "USER", description = "User name for HTTPS.")
    private String username;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password or token for HTTPS; prefer --password-stdin, which keeps it out of the shell history.")
    private String password;

    @Option(names = "--password-stdin", description = "Read the password or token from standard input.")
    private boolean passwordStdin;

    @Option(names = "--ssh-private-key-path", paramLabel = "FILE", description = "Private key for SSH (OpenSSH or PEM, unencrypted).")
    private Path sshPrivateKeyPath;

    @Option(names = "--known-hosts-path", paramLabel = "FILE",
            description = "known_hosts lines the server's SSH host key must match (required with an SSH key).")
    private Path knownHostsPath;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the Secret (default: repo- and 10 hex digits of the URL's SHA-256).")
    private String name;

    @Option(names = "--upsert", description = "Replace the Secret of a repository registered already.")
    private boolean upsert;

    /** Where --password-stdin reads; standard input unless a test says otherwise. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        Map<String, String> data = data();
        try (var client = capstan.connect()) {
            var repositories = new Repositories(client, capstan.namespace());
            List<Secret> registered = repositories.repositoriesOf(url);
            String secretName = name != null ? name
                    : registered.isEmpty() ? Repositories.secretName(url) : registered.getFirst().getMetadata().getName();
            Secret secret = repositories.repositorySecret(secretName, data);
            var existing = repositories.find(secretName);
            String outcome;
            if (existing.isEmpty()) {
                repositories.create(secret);
                outcome = "added";
            } else if (RepositorySecretEntries.of(existing.get()).equals(RepositorySecretEntries.of(secret))) {
                outcome = "unchanged";
            } else if (!upsert) {
                throw new UserError(repositories.key(secretName) + " exists already and differs; pass --upsert to replace it");
            } else {
                secret.getMetadata().setResourceVersion(existing.get().getMetadata().getResourceVersion());
                repositories.update(secret);
                outcome = "updated";
            }
            var out = out();
            out.println("repository " + url + " " + outcome + " (" + repositories.key(secretName) + ")");
            out.flush();
        }
        return 0;
    }

    /** The Secret's data; refuses, as usage errors, credentials that do not fit the URL or each other. */
    private Map<String, String> data() {
        boolean ssh;
        try {
            ssh = RepositorySecrets.normalise(url).startsWith("ssh://");
        } catch (GitException e) {
            throw usage(e.getMessage());
        }
        if (hasPasswordInUrl()) {
            throw usage("the URL holds a password; give it with --password-stdin instead, so it is not stored in the URL");
        }
        if (password != null && passwordStdin) {
            throw usage("give --password or --password-stdin, not both");
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put(RepositorySecrets.URL, url);
        data.put(RepositorySecrets.TYPE, Repositories.GIT);
        String secret = passwordStdin ? readStdin() : password;
        if (secret != null || username != null) {
            if (ssh) {
                throw usage("a user name or password is for HTTPS; for " + url + " give --ssh-private-key-path");
            }
            if (secret == null) {
                throw usage("--username needs --password or --password-stdin");
            }
            if (username != null) {
                data.put(RepositorySecrets.USERNAME, username);
            }
            data.put(RepositorySecrets.PASSWORD, secret);
        }
        if (sshPrivateKeyPath != null || knownHostsPath != null) {
            if (!ssh) {
                throw usage("an SSH key is for SSH URLs (ssh:// or user@host:path), not " + url);
            }
            if (sshPrivateKeyPath == null || knownHostsPath == null) {
                throw usage("give both --ssh-private-key-path and --known-hosts-path: the server's host key is always checked");
            }
            data.put(RepositorySecrets.SSH_PRIVATE_KEY, read(sshPrivateKeyPath));
            data.put(RepositorySecrets.SSH_KNOWN_HOSTS, read(knownHostsPath));
        }
        return data;
    }

    private boolean hasPasswordInUrl() {
        try {
            String userInfo = new URI(url).getRawUserInfo();
            return userInfo != null && userInfo.contains(":");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String readStdin() {
        try {
            String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                throw usage("--password-stdin: standard input was empty");
            }
            return text;
        } catch (IOException e) {
            throw new UserError("cannot read the password from standard input: " + e.getMessage());
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
