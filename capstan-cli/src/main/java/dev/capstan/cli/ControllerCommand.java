package dev.capstan.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.auth.AccessControl;
import dev.capstan.auth.KubernetesAccessControl;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.controller.runtime.LeaderElection;
import dev.capstan.controller.webhook.Provider;
import dev.capstan.controller.webhook.WebhookSecrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.capstan.kube.SecretData;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Run the GitOps controller: reconcile the Applications of a namespace against Git and the cluster "
                + "until stopped (Ctrl-C).",
                "In a cluster it runs with its ServiceAccount (--in-cluster); on a workstation against a kubeconfig."})
final class ControllerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private NamespaceServiceOptions service;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "3m",
            description = "How often each application's target revision is looked up without a webhook (default: ${DEFAULT-VALUE}).")
    private String pollInterval;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "8", description = "Applications reconciled at once (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Git repository cache (default: ~/.capstan/cache/git, or /var/cache/capstan/git in a cluster).")
    private Path cacheDir;

    @Option(names = "--webhook-port", paramLabel = "PORT", defaultValue = "-1",
            description = {"Serve Git webhooks (POST /api/webhook) and /healthz on this port; off by default (-1).",
                    "Secrets come from the Secret " + WEBHOOK_SECRET + " in the application namespace, one key per provider: "
                            + "github, gitlab, bitbucket-cloud, bitbucket-server, gitea, generic. A provider without one is refused."})
    private int webhookPort;

    @Option(names = "--webhook-host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address the webhook endpoint listens on (default: ${DEFAULT-VALUE}).")
    private String webhookHost;

    @Option(names = "--health-rules-configmap", paramLabel = "NAME", defaultValue = ControllerOptions.HealthSources.RULES_CONFIG_MAP,
            description = {"ConfigMap in the application namespace whose data keys are files of CEL health rules, read at start "
                    + "(default: ${DEFAULT-VALUE}; absent: none). A key that is not a rule file is logged and left out."})
    private String healthRulesConfigMap;

    @Option(names = "--health-lua-configmap", paramLabel = "NAME", defaultValue = ControllerOptions.HealthSources.LUA_CONFIG_MAP,
            description = {"ConfigMap in the application namespace with Argo CD Lua health checks in argocd-cm's format "
                    + "(resource.customizations.health.<group>_<Kind> keys, or resource.customizations), read at start "
                    + "(default: ${DEFAULT-VALUE}; absent: none)."})
    private String healthLuaConfigMap;

    @Option(names = "--no-api", description = "Do not serve the HTTP API and web UI.")
    private boolean noApi;

    @Option(names = "--leader-elect", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run only while holding the Lease capstan-controller in the namespace, so of several replicas one works "
                    + "and another takes over when it stops (default: on; --no-leader-elect for one local process).")
    private boolean leaderElect;

    @Override
    public Integer call() throws InterruptedException {
        KubernetesClient client = service.connect();
        var out = spec.commandLine().getOut();
        if (!leaderElect) {
            CapstanController controller;
            AutoCloseable api;
            try {
                controller = CapstanController.start(client, options(client));
                api = startApi(client, controller);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
            out.printf("capstan controller: reconciling the Applications of namespace %s (Ctrl-C stops it)%n", service.appNamespace);
            out.flush();
            Foreground.runUntilStopped(List.of(api, controller, client));
            return 0;
        }
        var running = new AtomicReference<CapstanController>();
        var serving = new AtomicReference<AutoCloseable>();
        String identity = System.getenv().getOrDefault("HOSTNAME", "capstan") + "-" + ProcessHandle.current().pid();
        LeaderElection election = LeaderElection.start(client, service.appNamespace, "capstan-controller", identity,
                LeaderElection.Options.defaults(),
                () -> {
                    running.set(CapstanController.start(client, options(client)));
                    serving.set(startApi(client, running.get()));
                    LOG.info("{} leads: reconciling the Applications of namespace {}", identity, service.appNamespace);
                },
                () -> {
                    if (running.get() != null) {
                        LOG.error("{} lost the lease capstan-controller; exiting so a fresh process campaigns again", identity);
                        Runtime.getRuntime().halt(1);
                    }
                });
        out.printf("capstan controller: %s campaigns for the lease %s/capstan-controller (Ctrl-C stops it)%n", identity, service.appNamespace);
        out.flush();
        Foreground.runUntilStopped(List.of(() -> {
            AutoCloseable api = serving.getAndSet(null);
            if (api != null) {
                api.close();
            }
            CapstanController controller = running.getAndSet(null);
            if (controller != null) {
                controller.close();
            }
        }, election, client));
        return 0;
    }

    static final String WEBHOOK_SECRET = "capstan-webhook";

    /**
     * Serves the HTTP API and web UI beside the controller (unless --no-api); Git webhooks are
     * served there too, at /api/webhook. Closing the result stops the server and its access control.
     */
    private AutoCloseable startApi(KubernetesClient client, CapstanController controller) {
        if (noApi) {
            return () -> { };
        }
        AccessControl access = KubernetesAccessControl.start(client, service.appNamespace, Clock.systemUTC());
        CapstanServer server = CapstanServer.start(ServerOptions.defaults().withAddress(service.apiAddress, service.apiPort)
                .withWebhookSecrets(webhookSecrets(client, service.appNamespace)).withKubeRequests(service.requests), client, controller, access);
        LOG.info("HTTP API and web UI on http://{}:{}", service.apiAddress, server.port());
        return () -> {
            server.close();
            if (access instanceof AutoCloseable closeable) {
                closeable.close();
            }
        };
    }

    ControllerOptions options(KubernetesClient client) {
        Path cache = service.cacheDirectory(cacheDir, "git");
        var options = ControllerOptions.defaults(cache).withNamespace(service.appNamespace).withWorkers(workers)
                .withPollInterval(DurationOption.parse("--poll-interval", pollInterval))
                .withHealth(new ControllerOptions.HealthSources(healthRulesConfigMap, healthLuaConfigMap));
        return webhookPort < 0 ? options
                : options.withWebhooks(ControllerOptions.Webhooks.on(webhookHost, webhookPort, webhookSecrets(client, service.appNamespace)));
    }

    /** The webhook secrets from the Secret {@value #WEBHOOK_SECRET}, read once at start. */
    static WebhookSecrets webhookSecrets(KubernetesClient client, String appNamespace) {
        Secret secret = client.secrets().inNamespace(appNamespace).withName(WEBHOOK_SECRET).get();
        WebhookSecrets secrets = WebhookSecrets.none();
        if (secret == null) {
            LOG.warn("no Secret {}/{}: every webhook will be refused until it exists and the controller restarts", appNamespace, WEBHOOK_SECRET);
            return secrets;
        }
        Map<String, String> data = SecretData.decoded(secret);
        for (Provider provider : Provider.values()) {
            String value = data.get(provider.displayName());
            if (value != null && !value.isBlank()) {
                secrets = secrets.withSecret(provider, value.strip());
            }
        }
        return secrets;
    }

    /** Durations on the command line: {@code 30s}, {@code 3m}, {@code 1h}. */
    static final class DurationOption {
        private DurationOption() {
        }

        static Duration parse(String option, String text) {
            try {
                return Duration.parse("PT" + text.strip().toUpperCase());
            } catch (RuntimeException e) {
                throw new UserError(option + " " + text + ": write a duration like 30s, 3m or 1h");
            }
        }
    }
}
