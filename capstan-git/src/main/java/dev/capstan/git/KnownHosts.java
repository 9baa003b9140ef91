package dev.capstan.git;

import dev.capstan.git.GitException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against known_hosts text given with the credentials: a server is
 * trusted only if one of its host's lines holds exactly the key it presents, and never if that
 * key is marked {@code @revoked}. Nothing is read from or written to {@code ~/.ssh}.
 */
final class KnownHosts implements ServerKeyDatabase {

    private static final int DEFAULT_PORT = 22;

    private record Line(KnownHostEntry entry, PublicKey key, boolean revoked) {
    }

    private final List<Line> lines;

    private KnownHosts(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * @throws GitException {@code OTHER} if a line is not in known_hosts format
     */
    static KnownHosts parse(String text) {
        var lines = new ArrayList<Line>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(new BufferedReader(new StringReader(text)))) {
                PublicKey key = entry.getKeyEntry() == null ? null : entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key != null && !"cert-authority".equals(entry.getMarker())) {
                    lines.add(new Line(entry, key, "revoked".equals(entry.getMarker())));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new GitException(Reason.OTHER, "the known_hosts given with the SSH credentials cannot be read: " + e.getClass().getSimpleName());
        }
        return new KnownHosts(lines);
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return lines.stream().filter(line -> !line.revoked() && matches(line, connectAddress)).map(Line::key).toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey, Configuration config,
            CredentialsProvider provider) {
        List<Line> forHost = lines.stream().filter(line -> matches(line, connectAddress) && KeyUtils.compareKeys(line.key(), serverKey)).toList();
        return !forHost.isEmpty() && forHost.stream().noneMatch(Line::revoked);
    }

    /** {@code connectAddress} is {@code host} for port 22, otherwise {@code [host]:port}. */
    private static boolean matches(Line line, String connectAddress) {
        String host = connectAddress;
        int port = DEFAULT_PORT;
        if (connectAddress.startsWith("[")) {
            int close = connectAddress.indexOf(']');
            host = connectAddress.substring(1, close);
            if (connectAddress.startsWith("]:", close)) {
                port = Integer.parseInt(connectAddress.substring(close + 2));
            }
        }
        return line.entry().isHostMatch(host, port);
    }
}
