package dev.capstan.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH Git server in the test's JVM: Apache MINA sshd on 127.0.0.1 with an ephemeral port,
 * accepting one user's public key and running JGit's upload-pack for {@code /<name>.git}.
 */
final class SshGitServer implements AutoCloseable {

    private static final Pattern UPLOAD_PACK = Pattern.compile("git-upload-pack '/?(.+?)(?:\\.git)?'");

    private final SshServer server;
    private final KeyPair hostKey;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

    SshGitServer(String user, PublicKey authorizedKey) throws Exception {
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(List.of(hostKey)));
        server.setPublickeyAuthenticator((name, key, session) -> name.equals(user) && KeyUtils.compareKeys(key, authorizedKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> uploadPack(command));
        server.start();
    }

    /** Serves the bare repository in {@code gitDir} as {@code /<name>.git}. */
    void serve(String name, Path gitDir) throws IOException {
        repositories.put(name, new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().setMustExist(true).build());
    }

    String url(String user, String name) {
        return "ssh://" + user + "@127.0.0.1:" + port() + "/" + name + ".git";
    }

    /** The known_hosts line that trusts this server's host key. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    int port() {
        return ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    }

    private Command uploadPack(String command) {
        return new AbstractCommandSupport(command, null) {
            @Override
            public void run() {
                Matcher m = UPLOAD_PACK.matcher(command);
                Repository repository = m.matches() ? repositories.get(m.group(1)) : null;
                if (repository == null) {
                    try {
                        getErrorStream().write(("fatal: '" + command + "' does not appear to be a git repository\n").getBytes());
                        getErrorStream().flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    onExit(128, "repository not found");
                    return;
                }
                try {
                    new UploadPack(repository).upload(getInputStream(), getOutputStream(), getErrorStream());
                    onExit(0);
                } catch (IOException e) {
                    onExit(1, e.getMessage());
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            repositories.values().forEach(Repository::close);
        }
    }
}
