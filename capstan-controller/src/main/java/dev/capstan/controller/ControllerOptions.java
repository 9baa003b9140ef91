package dev.capstan.controller;

import java.nio.file.Path;
import java.time.Duration;

import dev.capstan.controller.webhook.WebhookSecrets;
import dev.capstan.localcluster.CapstanHome;

/**
 * How the controller runs.
 *
 * @param namespace      where its Applications, AppProjects and repository Secrets live
 * @param pollInterval   how often a target revision is looked up without a webhook (per application:
 *                       the annotation {@value ApplicationReconciler#POLL_INTERVAL_ANNOTATION})
 * @param workers        applications reconciled at once
 * @param cacheDirectory the Git repository cache
 * @param webhooks       the Git webhook endpoint
 * @param rendering      where the renderers keep charts and tools, and what Kustomize may reach
 * @param health         the ConfigMaps of users' health rules and Lua health checks
 */
public record ControllerOptions(String namespace, Duration pollInterval, int workers, Path cacheDirectory, Webhooks webhooks,
                                Rendering rendering, HealthSources health) {

    /**
     * The ConfigMaps, in the controller's namespace, that hold users' health rules; read once at
     * start. A ConfigMap that does not exist means no rules of that kind.
     *
     * @param rulesConfigMap every data key a file of CEL health rules
     * @param luaConfigMap   Argo CD Lua health checks, in the format of {@code argocd-cm}'s data
     */
    public record HealthSources(String rulesConfigMap, String luaConfigMap) {

        public static final String RULES_CONFIG_MAP = "capstan-health-rules";
        public static final String LUA_CONFIG_MAP = "capstan-health-lua";

        public static HealthSources defaults() {
            return new HealthSources(RULES_CONFIG_MAP, LUA_CONFIG_MAP);
        }
    }

    /**
     * What rendering needs beyond a source.
     *
     * @param chartCache       where charts downloaded from Helm repositories are kept
     * @param toolHome         the Capstan home whose cache holds the kustomize program, built the
     *                         first time a Kustomize application is rendered
     * @param allowRemoteBases whether kustomizations may load bases from URLs (off: they reach the network)
     */
    public record Rendering(Path chartCache, CapstanHome toolHome, boolean allowRemoteBases) {

        /** Charts beside the Git cache ({@code <cache>/../charts}), kustomize in {@link CapstanHome#fromEnvironment()}, no remote bases. */
        public static Rendering besides(Path gitCache) {
            Path parent = gitCache.toAbsolutePath().getParent();
            return new Rendering((parent == null ? gitCache : parent).resolve("charts"), CapstanHome.fromEnvironment(), false);
        }

        public Rendering withAllowRemoteBases(boolean allow) {
            return new Rendering(chartCache, toolHome, allow);
        }
    }

    /**
     * Where the webhook endpoint ({@code POST /api/webhook}, and {@code GET /healthz}) listens, and
     * the secrets it checks; {@code port} 0 picks a free one, {@code enabled} false serves none.
     */
    public record Webhooks(boolean enabled, String host, int port, WebhookSecrets secrets) {

        public static Webhooks disabled() {
            return new Webhooks(false, "127.0.0.1", 0, WebhookSecrets.none());
        }

        public static Webhooks on(String host, int port, WebhookSecrets secrets) {
            return new Webhooks(true, host, port, secrets);
        }
    }

    public static ControllerOptions defaults(Path cacheDirectory) {
        return new ControllerOptions("capstan", Duration.ofMinutes(3), 8, cacheDirectory, Webhooks.disabled(), Rendering.besides(cacheDirectory),
                HealthSources.defaults());
    }

    public ControllerOptions withNamespace(String newNamespace) {
        return new ControllerOptions(newNamespace, pollInterval, workers, cacheDirectory, webhooks, rendering, health);
    }

    public ControllerOptions withPollInterval(Duration newPollInterval) {
        return new ControllerOptions(namespace, newPollInterval, workers, cacheDirectory, webhooks, rendering, health);
    }

    public ControllerOptions withWorkers(int newWorkers) {
        return new ControllerOptions(namespace, pollInterval, newWorkers, cacheDirectory, webhooks, rendering, health);
    }

    public ControllerOptions withRendering(Rendering newRendering) {
        return new ControllerOptions(namespace, pollInterval, workers, cacheDirectory, webhooks, newRendering, health);
    }

    public ControllerOptions withHealth(HealthSources newHealth) {
        return new ControllerOptions(namespace, pollInterval, workers, cacheDirectory, webhooks, rendering, newHealth);
    }

    public ControllerOptions withWebhooks(Webhooks newWebhooks) {
        return new ControllerOptions(namespace, pollInterval, workers, cacheDirectory, newWebhooks, rendering, health);
    }
}
