package dev.capstan.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.auth.AccessControl;
import dev.capstan.auth.KubernetesAccessControl;
import dev.capstan.controller.StandaloneApplicationView;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API and the web UI alone, for a controller that runs elsewhere (or with --no-api), "
                + "until stopped (Ctrl-C).",
                "It watches the Applications and the objects they manage, renders desired states from Git when asked, "
                        + "and passes Git webhooks on as refresh annotations; it reconciles nothing."})
final class ServerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private NamespaceServiceOptions service;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Git and render cache (default: ~/.capstan/cache/server-git, or /var/cache/capstan/git in a cluster).")
    private Path cacheDir;

    @Override
    public Integer call() throws InterruptedException {
        KubernetesClient client = service.connect();
        Path cache = service.cacheDirectory(cacheDir, "server-git");
        StandaloneApplicationView view = null;
        AccessControl access = null;
        CapstanServer server;
        try {
            view = StandaloneApplicationView.start(client, service.appNamespace, cache);
            access = KubernetesAccessControl.start(client, service.appNamespace, Clock.systemUTC());
            server = CapstanServer.start(ServerOptions.defaults().withAddress(service.apiAddress, service.apiPort)
                    .withWebhookSecrets(ControllerCommand.webhookSecrets(client, service.appNamespace)).withKubeRequests(service.requests),
                    client, view, access);
        } catch (RuntimeException e) {
            if (view != null) {
                view.close();
            }
            client.close();
            throw e;
        }
        var out = spec.commandLine().getOut();
        out.printf("capstan server: the API and web UI of namespace %s on http://%s:%d (Ctrl-C stops it)%n", service.appNamespace,
                service.apiAddress, server.port());
        out.flush();
        AccessControl closing = access;
        Foreground.runUntilStopped(List.of(server, () -> {
            if (closing instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }, view, client));
        return 0;
    }
}
