package dev.capstan.cli;

import java.util.Optional;

import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Option;

/**
 * Whether a command talks to Capstan's HTTP API instead of the cluster: with {@code --server URL},
 * or, when neither a server nor a kubeconfig or context is named, when {@code capstan login}
 * stored a server. The token is {@code --auth-token} (or {@code $CAPSTAN_AUTH_TOKEN}), as CI jobs
 * pass an API token, or else the one stored for that server.
 */
final class ServerMode {

    @Option(names = "--server", paramLabel = "URL",
            description = "Talk to Capstan's API at URL (as logged in with capstan login) instead of the cluster; "
                    + "the default once logged in, unless --kubeconfig or --context is given.")
    String server;

    @Option(names = "--auth-token", paramLabel = "TOKEN", defaultValue = "${env:CAPSTAN_AUTH_TOKEN}",
            description = "An API token (from capstan account generate-token) to call the server with, instead of a login; "
                    + "default: $CAPSTAN_AUTH_TOKEN.")
    String authToken;

    /** The API client to use, or empty to talk to the cluster. */
    Optional<ApiClient> client(ConnectionOptions connection) {
        Optional<CliConfig> stored = CliConfig.read(CliConfig.location(System.getenv()));
        boolean tokenGiven = authToken != null && !authToken.isBlank();
        if (server != null && !server.isBlank()) {
            String token = tokenGiven ? authToken
                    : stored.filter(config -> sameServer(config.server(), server)).map(CliConfig::token).orElse("");
            return Optional.of(new ApiClient(server, token));
        }
        boolean clusterNamed = connection != null && (connection.kubeconfig != null || connection.context != null);
        if (clusterNamed) {
            return Optional.empty();
        }
        return stored.map(config -> new ApiClient(config.server(), tokenGiven ? authToken : config.token()));
    }

    /** The application named {@code name}: through the API in server mode, else from the cluster. */
    Application application(CapstanOptions capstan, String name) {
        Optional<ApiClient> api = client(capstan.connection);
        if (api.isPresent()) {
            try (var client = api.get()) {
                return client.application(name);
            }
        }
        try (var client = capstan.connect()) {
            return capstan.applications(client).get(name);
        }
    }

    static boolean sameServer(String one, String other) {
        return strip(one).equals(strip(other));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
