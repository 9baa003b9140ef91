package dev.capstan.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.capstan.api.OperationRequests;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.OperationState;
import dev.capstan.kube.ApiRequestCounter;

/**
 * Capstan's Prometheus metrics, all named {@code capstan_*}:
 * <ul>
 * <li>{@code capstan_api_requests_total{method,route,status}} and
 *     {@code capstan_api_request_duration_seconds{method,route}}: the HTTP API's calls;</li>
 * <li>{@code capstan_app_sync_status{name,project,sync_status}} and
 *     {@code capstan_app_health_status{name,project,health_status}}: 1 for each application's
 *     current status, read from the controller's cache at each scrape;</li>
 * <li>{@code capstan_app_reconcile_seconds{name,result}}: how long reconciles take, and (its
 *     count) how many ran;</li>
 * <li>{@code capstan_app_sync_total{name,project,phase}}: finished operations by their result.</li>
 * <li>{@code capstan_git_request_duration_seconds{operation,result}}: requests to remote Git
 *     repositories ({@code ls-refs} for revision lookups, {@code fetch}).</li>
 * <li>{@code capstan_kube_requests_total{verb,resource}}: the requests this process's Kubernetes
 *     client sent to the API server, when the client counts them.</li>
 * </ul>
 */
final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<List<Application>> applications;
    private final MultiGauge syncStatus;
    private final MultiGauge healthStatus;
    private final Optional<ApiRequestCounter> kubeRequests;
    private final Set<String> kubeRequestKeys = ConcurrentHashMap.newKeySet();

    ServerMetrics(Supplier<List<Application>> applications) {
        this(applications, Optional.empty());
    }

    ServerMetrics(Supplier<List<Application>> applications, Optional<ApiRequestCounter> kubeRequests) {
        this.applications = applications;
        this.kubeRequests = kubeRequests;
        this.syncStatus = MultiGauge.builder("capstan.app.sync.status")
                .description("1 for the sync status each application has now").register(registry);
        this.healthStatus = MultiGauge.builder("capstan.app.health.status")
                .description("1 for the health status each application has now").register(registry);
    }

    void request(String method, String route, int status, Duration took) {
        Counter.builder("capstan.api.requests").description("HTTP API requests answered")
                .tags("method", method, "route", route, "status", String.valueOf(status)).register(registry).increment();
        Timer.builder("capstan.api.request.duration").description("How long HTTP API requests take")
                .tags("method", method, "route", route).register(registry).record(took);
    }

    void reconciled(String application, Duration took, boolean failed) {
        Timer.builder("capstan.app.reconcile").description("How long reconciles of an application take")
                .tags("name", application, "result", failed ? "error" : "success").register(registry).record(took);
    }

    void git(String operation, Duration took, boolean failed) {
        Timer.builder("capstan.git.request.duration").description("How long requests to remote Git repositories take")
                .tags("operation", operation, "result", failed ? "error" : "success").register(registry).record(took);
    }

    /** Counts an operation that finished between {@code before} and {@code after}. */
    void changed(Application before, Application after) {
        OperationState was = state(before);
        OperationState now = state(after);
        if (now == null || now.getPhase() == null || OperationRequests.isRunning(now) || now.getFinishedAt() == null) {
            return;
        }
        if (was != null && Objects.equals(was.getFinishedAt(), now.getFinishedAt()) && Objects.equals(was.getPhase(), now.getPhase())) {
            return;
        }
        Counter.builder("capstan.app.sync").description("Operations (syncs, rollbacks) finished, by result")
                .tags("name", after.getMetadata().getName(), "project", Guard.project(after), "phase", now.getPhase())
                .register(registry).increment();
    }

    /** The metrics in Prometheus' text format, with the application gauges read now. */
    String scrape() {
        List<MultiGauge.Row<?>> sync = new ArrayList<>();
        List<MultiGauge.Row<?>> health = new ArrayList<>();
        for (Application application : applications.get()) {
            Tags tags = Tags.of("name", application.getMetadata().getName(), "project", Guard.project(application));
            var status = application.getStatus();
            String syncValue = status == null || status.getSync() == null || status.getSync().getStatus() == null ? "Unknown" : status.getSync().getStatus();
            String healthValue = status == null || status.getHealth() == null || status.getHealth().getStatus() == null
                    ? "Unknown" : status.getHealth().getStatus();
            sync.add(MultiGauge.Row.of(tags.and("sync_status", syncValue), 1));
            health.add(MultiGauge.Row.of(tags.and("health_status", healthValue), 1));
        }
        syncStatus.register(sync, true);
        healthStatus.register(health, true);
        kubeRequests.ifPresent(this::registerKubeRequests);
        return registry.scrape();
    }

    /** One counter per kind of request the client has sent so far, read from the counter at each scrape. */
    private void registerKubeRequests(ApiRequestCounter counter) {
        for (String key : counter.snapshot().keySet()) {
            if (kubeRequestKeys.add(key)) {
                int space = key.indexOf(' ');
                String verb = space < 0 ? key : key.substring(0, space);
                String resource = space < 0 ? "" : key.substring(space + 1);
                FunctionCounter.builder("capstan.kube.requests", counter, c -> c.count(key))
                        .description("Requests sent to the Kubernetes API server").tags("verb", verb, "resource", resource).register(registry);
            }
        }
    }

    private static OperationState state(Application application) {
        return application == null || application.getStatus() == null ? null : application.getStatus().getOperationState();
    }
}
