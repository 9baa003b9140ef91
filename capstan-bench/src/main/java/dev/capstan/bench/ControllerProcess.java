package dev.capstan.bench;

import dev.capstan.kube.ApiRequestCounter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.controller.webhook.Provider;
import dev.capstan.controller.webhook.WebhookSecrets;

/**
 * The controller alone in a JVM of its own, so that its CPU, RSS and heap can be read from the
 * outside: what {@code capstan controller --no-leader-elect} runs, plus a GitHub webhook secret
 * (the command has no webhook flags yet) and a {@link ApiRequestCounter} in its Kubernetes client.
 *
 * <p>Arguments: kubeconfig, Application namespace, poll interval (ISO-8601, {@code PT1M}), workers,
 * Git cache directory, webhook secret. It prints {@code @ready PORT} once it runs, then answers
 * lines on its standard input: {@code requests} with {@code @requests verb resource=count;...},
 * {@code live} with {@code @live N} (objects in its live-state cache). It stops at end of input,
 * so it never outlives the harness.
 */
public final class ControllerProcess {

    private ControllerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        String namespace = args[1];
        Duration pollInterval = Duration.parse(args[2]);
        int workers = Integer.parseInt(args[3]);
        Path cache = Path.of(args[4]);
        String secret = args[5];

        Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        config.setRequestRetryBackoffLimit(2); // as ClusterOptions.connect() of the CLI
        var counter = new ApiRequestCounter();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("bench-request-counter", counter))
                .build();
        var options = ControllerOptions.defaults(cache).withNamespace(namespace).withPollInterval(pollInterval).withWorkers(workers)
                .withWebhooks(ControllerOptions.Webhooks.on("127.0.0.1", 0, WebhookSecrets.none().withSecret(Provider.GITHUB, secret)));
        try (client; CapstanController controller = CapstanController.start(client, options)) {
            System.out.println("@ready " + controller.webhookPort().orElseThrow());
            System.out.flush();
            var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                switch (line.strip()) {
                    case "requests" -> System.out.println("@requests " + format(counter.snapshot()));
                    case "live" -> System.out.println("@live " + controller.liveState().size());
                    default -> System.out.println("@unknown " + line);
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static String format(Map<String, Long> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(";"));
    }
}
