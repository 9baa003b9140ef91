package dev.capstan.cli;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * Whether a command talks to Capstan's HTTP API instead of the cluster: with {@code --server URL},
 * or, when neither a server nor a kubeconfig or context is named, when {@code capstan login}
 * stored a server. The token is the one stored for that server.
 */
final class ServerMode {

    @Option(names = "--server", paramLabel = "URL",
            description = "Talk to Capstan's API at URL (as logged in with capstan login) instead of the cluster; "
                    + "the default once logged in, unless --kubeconfig or --context is given.")
    String server;

    /** The API client to use, or empty to talk to the cluster. */
    Optional<ApiClient> client(ConnectionOptions connection) {
        Optional<CliConfig> stored = CliConfig.read(CliConfig.location(System.getenv()));
        if (server != null && !server.isBlank()) {
            String token = stored.filter(config -> sameServer(config.server(), server)).map(CliConfig::token).orElse("");
            return Optional.of(new ApiClient(server, token));
        }
        boolean clusterNamed = connection != null && (connection.kubeconfig != null || connection.context != null);
        if (clusterNamed) {
            return Optional.empty();
        }
        return stored.map(config -> new ApiClient(config.server(), config.token()));
    }

    static boolean sameServer(String one, String other) {
        return strip(one).equals(strip(other));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
