package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/**
 * A pod's health comes from its phase, refined by its containers. A long-running pod
 * ({@code restartPolicy: Always}, the default) is degraded as soon as a container is stuck
 * (crash loop, image pull or configuration error) and healthy once it is ready. A pod that is
 * meant to finish ({@code OnFailure}, {@code Never}), such as a sync hook, stays progressing
 * while it runs and is judged when it ends, so that a hook is not failed early for an error
 * that may still clear. The annotation {@code capstan.dev/ignore-restart-policy} (or Argo CD's
 * {@code argocd.argoproj.io/ignore-restart-policy}) judges such a pod like a long-running one.
 *
 * <p>Unlike Argo CD, stuck init containers count too: a pod whose init container crash-loops
 * is degraded, not pending for ever.
 */
final class PodHealth implements HealthCheck {

    static final List<String> IGNORE_RESTART_POLICY = List.of("capstan.dev/ignore-restart-policy", "argocd.argoproj.io/ignore-restart-policy");

    @Override
    public Health assess(Manifest live) {
        var pod = LiveObject.of(live);
        boolean longRunning = isLongRunning(pod);
        if (longRunning) {
            var stuck = containers(pod, true).stream().filter(ContainerState::isStuck).map(ContainerState::waitingSummary).toList();
            if (!stuck.isEmpty()) {
                return Health.degraded(String.join("; ", stuck));
            }
        }
        String phase = pod.text("/status/phase");
        String message = pod.text("/status/message");
        return switch (phase) {
            case "Pending" -> Health.progressing(message.isEmpty() ? whyPending(pod) : message);
            case "Succeeded" -> Health.healthy(message.isEmpty() ? "the pod completed successfully" : message);
            case "Failed" -> Health.degraded(message.isEmpty() ? whyFailed(pod) : message);
            case "Running" -> longRunning ? running(pod, message) : Health.progressing(message.isEmpty()
                    ? "running; a pod with restartPolicy " + pod.text("/spec/restartPolicy") + " is judged when it completes"
                    : message);
            default -> Health.unknown(message.isEmpty()
                    ? (phase.isEmpty() ? "the pod reports no phase yet" : "the pod is in phase " + phase)
                    : message);
        };
    }

    private static boolean isLongRunning(LiveObject pod) {
        String policy = pod.text("/spec/restartPolicy");
        return policy.isEmpty() || policy.equals("Always")
                || IGNORE_RESTART_POLICY.stream().anyMatch(name -> pod.manifest().annotation(name).isPresent());
    }

    private static Health running(LiveObject pod, String message) {
        if (pod.condition("Ready").filter(Condition::isTrue).isPresent()) {
            return Health.healthy(message.isEmpty() ? "the pod is running and ready" : message);
        }
        for (ContainerState container : containers(pod, false)) {
            if (container.lastTerminated().isPresent()) {
                var last = container.lastTerminated().get();
                return Health.degraded(message.isEmpty()
                        ? last.failure(container.name()).map(failure -> "not ready after a restart: " + failure)
                                .orElse("container " + container.name() + " restarted and is not ready")
                        : message);
            }
        }
        var notReady = containers(pod, false).stream().map(ContainerState::name).toList();
        return Health.progressing(message.isEmpty()
                ? "Waiting for containers to become ready" + (notReady.isEmpty() ? "" : ": " + String.join(", ", notReady))
                : message);
    }

    private static String whyPending(LiveObject pod) {
        var scheduled = pod.condition("PodScheduled");
        if (scheduled.isPresent() && scheduled.get().isFalse()) {
            return "not scheduled yet: " + scheduled.get().reasonAndMessage();
        }
        var waiting = containers(pod, true).stream().filter(container -> !container.waitingReason().isEmpty())
                .map(ContainerState::waitingSummary).toList();
        return waiting.isEmpty() ? "the pod is pending" : String.join("; ", waiting);
    }

    private static String whyFailed(LiveObject pod) {
        return containers(pod, true).stream()
                .map(container -> container.terminated().flatMap(terminated -> terminated.failure(container.name())))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse("the pod failed");
    }

    private static List<ContainerState> containers(LiveObject pod, boolean withInit) {
        var states = new ArrayList<ContainerState>();
        if (withInit) {
            pod.list("/status/initContainerStatuses").stream().map(ContainerState::of).forEach(states::add);
        }
        pod.list("/status/containerStatuses").stream().map(ContainerState::of).forEach(states::add);
        return states;
    }
}
