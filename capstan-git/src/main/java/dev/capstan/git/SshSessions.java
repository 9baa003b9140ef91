package dev.capstan.git;

import dev.capstan.git.GitException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH sessions for one set of credentials, on Apache MINA sshd: the key comes from memory, host
 * keys are checked against the known_hosts text given with it ({@link KnownHosts}), and no file
 * under the user's home is read: not {@code ~/.ssh/config}, not its keys, not its known_hosts.
 */
final class SshSessions {

    private SshSessions() {
    }

    /**
     * A session factory for {@code credentials}; with anything but an SSH key it has no key and
     * trusts no host, so SSH fails cleanly rather than falling back to the machine's own keys.
     * {@code home} is a directory standing in for the user's home, never read.
     */
    static SshdSessionFactory factory(RepositoryCredentials credentials, Path home) {
        List<KeyPair> keys = List.of();
        KnownHosts knownHosts = KnownHosts.parse("");
        if (credentials instanceof RepositoryCredentials.SshKey ssh) {
            keys = keys(ssh);
            knownHosts = KnownHosts.parse(ssh.knownHosts());
        }
        List<KeyPair> identities = keys;
        KnownHosts trusted = knownHosts;
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigStoreFactory((homeDirectory, configFile, localUser) -> null)
                .setDefaultIdentities(sshDirectory -> List.of())
                .setDefaultKeysProvider(sshDirectory -> identities)
                .setServerKeyDatabase((homeDirectory, sshDirectory) -> trusted)
                .setPreferredAuthentications("publickey")
                .build(null);
    }

    private static List<KeyPair> keys(RepositoryCredentials.SshKey ssh) {
        FilePasswordProvider passphrase = ssh.passphrase().isEmpty() ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(ssh.passphrase());
        try {
            var keys = new ArrayList<KeyPair>();
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("the SSH private key"),
                    new ByteArrayInputStream(ssh.privateKey().getBytes(StandardCharsets.UTF_8)), passphrase);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new GitException(Reason.AUTHENTICATION_FAILED, "the SSH private key holds no key");
            }
            return List.copyOf(keys);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof GitException known) {
                throw known;
            }
            throw new GitException(Reason.AUTHENTICATION_FAILED,
                    "the SSH private key cannot be read (not an OpenSSH or PEM private key, or a wrong passphrase): " + e.getClass().getSimpleName());
        }
    }
}
