package dev.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import dev.capstan.kube.ApiRequestCounter;

import picocli.CommandLine.Option;

/** Which cluster a command talks to: a kubeconfig (as kubectl finds it) and a context of it. */
final class ConnectionOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current one).")
    String context;

    KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** A client whose every request {@code counter} counts. */
    KubernetesClient connect(ApiRequestCounter counter) {
        return new KubernetesClientBuilder().withConfig(config())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("capstan-request-counter", counter)).build();
    }

    private Config config() {
        Config config;
        if (kubeconfig != null) {
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            } catch (IOException e) {
                throw new UserError("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage());
            }
        } else {
            if (noClusterConfigured()) {
                throw new UserError("no cluster to talk to: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config "
                        + "(for the local one: --kubeconfig \"$(./capstan cluster local kubeconfig)\")");
            }
            config = Config.autoConfigure(context);
        }
        // The engine retries transient failures itself, with back-off, and knows which are transient; the
        // client's own retries of every 5xx (about 19 s by default) would only delay a clear error such
        // as an object the server cannot type.
        config.setRequestRetryBackoffLimit(2);
        return config;
    }

    private static boolean noClusterConfigured() {
        String fromEnvironment = System.getenv("KUBECONFIG");
        return (fromEnvironment == null || fromEnvironment.isBlank())
                && !Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"))
                && System.getenv("KUBERNETES_SERVICE_HOST") == null;
    }
}
