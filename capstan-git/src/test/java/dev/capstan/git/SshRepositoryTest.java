package dev.capstan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.git.GitException.Reason;
import dev.capstan.git.serve.HostedRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving over SSH against an in-process Apache MINA sshd serving JGit's upload-pack. */
class SshRepositoryTest {

    @TempDir
    Path temp;

    KeyPair deployKey;
    String privateKey;
    SshGitServer server;
    HostedRepository apps;
    String main;
    RepositoryCache cache;

    @BeforeEach
    void serveOverSsh() throws Exception {
        deployKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        privateKey = openSsh(deployKey, null);
        server = new SshGitServer("git", deployKey.getPublic());
        apps = HostedRepository.createBare(temp.resolve("apps.git"));
        main = Fixtures.apps("1").commitTo(apps, "main");
        apps.setDefaultBranch("main");
        server.serve("apps", apps.directory());
        cache = new RepositoryCache(temp.resolve("cache"), RepositoryCacheOptions.defaults().withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        cache.close();
        server.close();
        apps.close();
    }

    @Test
    void resolves_with_an_ed25519_key_given_in_memory_and_a_trusted_host_key() {
        var credentials = RepositoryCredentials.sshKey(privateKey, "# the test server\n" + server.knownHostsLine() + "\n");

        assertThat(cache.resolve(server.url("git", "apps"), "HEAD", credentials).sha()).isEqualTo(main);
        String next = Fixtures.apps("2").commitTo(apps, "main");
        assertThat(cache.resolve(server.url("git", "apps"), "main", credentials).sha()).isEqualTo(next);
    }

    @Test
    void resolves_with_a_key_encrypted_by_a_passphrase() throws Exception {
        var credentials = RepositoryCredentials.sshKey(openSsh(deployKey, "correct horse"), "correct horse", server.knownHostsLine());

        assertThat(cache.resolve(server.url("git", "apps"), "main", credentials).sha()).isEqualTo(main);
    }

    @Test
    void refuses_a_server_whose_host_key_is_not_known() throws Exception {
        KeyPair otherHost = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        String wrongLine = "[127.0.0.1]:" + server.port() + " " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(otherHost.getPublic());

        for (String knownHosts : new String[] {"", wrongLine, "@revoked " + server.knownHostsLine() + "\n" + server.knownHostsLine()}) {
            assertThatThrownBy(() -> cache.resolve(server.url("git", "apps"), "main", RepositoryCredentials.sshKey(privateKey, knownHosts)))
                    .as(knownHosts)
                    .isInstanceOfSatisfying(GitException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                        assertThat(e).hasMessageContaining("host key is not in the known_hosts");
                        assertThat(printed(e)).doesNotContain(secretPartOf(privateKey));
                    });
        }
    }

    @Test
    void refuses_a_key_the_server_does_not_accept() throws Exception {
        String otherKey = openSsh(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), null);

        assertThatThrownBy(() -> cache.resolve(server.url("git", "apps"), "main", RepositoryCredentials.sshKey(otherKey, server.knownHostsLine())))
                .isInstanceOfSatisfying(GitException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                    assertThat(printed(e)).doesNotContain(secretPartOf(otherKey));
                });
    }

    @Test
    void refuses_ssh_without_a_key_rather_than_using_the_machines_own() {
        assertThatThrownBy(() -> cache.resolve(server.url("git", "apps"), "main", RepositoryCredentials.none()))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED));
    }

    @Test
    void refuses_a_private_key_it_cannot_read_without_repeating_it() throws Exception {
        String garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nTm90QUtleUJ1dFNlY3JldExvb2tpbmdEYXRhMTIzNDU2Nzg5\n-----END OPENSSH PRIVATE KEY-----\n";

        assertThatThrownBy(() -> cache.resolve(server.url("git", "apps"), "main", RepositoryCredentials.sshKey(garbage, server.knownHostsLine())))
                .isInstanceOfSatisfying(GitException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                    assertThat(printed(e)).doesNotContain("Tm90QUtleUJ1dFNlY3JldExvb2tpbmdEYXRhMTIzNDU2Nzg5");
                });
        String encrypted = openSsh(deployKey, "correct horse");
        for (var credentials : new RepositoryCredentials[] {
                RepositoryCredentials.sshKey(encrypted, "wrong horse", server.knownHostsLine()),
                RepositoryCredentials.sshKey(encrypted, server.knownHostsLine())}) {
            assertThatThrownBy(() -> cache.resolve(server.url("git", "apps"), "main", credentials))
                    .isInstanceOfSatisfying(GitException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                        assertThat(printed(e)).doesNotContain("wrong horse").doesNotContain(secretPartOf(encrypted));
                    });
        }
    }

    @Test
    void reports_an_unknown_repository_as_repository_not_found() {
        assertThatThrownBy(() -> cache.resolve(server.url("git", "nothing"), "main", RepositoryCredentials.sshKey(privateKey, server.knownHostsLine())))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPOSITORY_NOT_FOUND));
    }

    private static String openSsh(KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        var out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "deploy key", encryption, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A line of the key's base64 body. */
    private static String secretPartOf(String key) {
        return key.lines().filter(line -> !line.startsWith("-----")).skip(1).findFirst().orElseThrow();
    }

    private static String printed(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
