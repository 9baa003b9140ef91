package dev.capstan.engine.health;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * What one entry of a pod's {@code containerStatuses} (or {@code initContainerStatuses}) says:
 * the container's name, why it is waiting, and how it (or its previous run) terminated.
 */
record ContainerState(String name, String waitingReason, String waitingMessage,
        Optional<Termination> terminated, Optional<Termination> lastTerminated) {

    record Termination(String reason, String message, long exitCode) {

        static Optional<Termination> at(JsonNode node) {
            if (!node.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Termination(text(node.path("reason")), text(node.path("message")), node.path("exitCode").asLong(0)));
        }

        /** What went wrong, or empty when the container ended well. */
        Optional<String> failure(String container) {
            if (!message.isEmpty()) {
                return Optional.of("container " + container + ": " + message);
            }
            if (reason.equals("OOMKilled")) {
                return Optional.of("container " + container + " was killed for using too much memory (OOMKilled)");
            }
            if (exitCode != 0) {
                return Optional.of("container " + container + " exited with code " + exitCode + (reason.isEmpty() ? "" : " (" + reason + ")"));
            }
            return Optional.empty();
        }
    }

    static ContainerState of(JsonNode status) {
        JsonNode waiting = status.path("state").path("waiting");
        return new ContainerState(text(status.path("name")), text(waiting.path("reason")), text(waiting.path("message")),
                Termination.at(status.path("state").path("terminated")), Termination.at(status.path("lastState").path("terminated")));
    }

    /**
     * Whether the container is stuck rather than starting: the kubelet's waiting reasons for
     * errors begin with {@code Err} or end with {@code Error} or {@code BackOff}
     * ({@code ErrImagePull}, {@code CreateContainerConfigError}, {@code CrashLoopBackOff},
     * {@code ImagePullBackOff}), as opposed to {@code ContainerCreating} or {@code PodInitializing}.
     */
    boolean isStuck() {
        return waitingReason.startsWith("Err") || waitingReason.endsWith("Error") || waitingReason.endsWith("BackOff");
    }

    /** {@code container web: CrashLoopBackOff: back-off 5m0s restarting failed container ...} */
    String waitingSummary() {
        return "container " + name + ": " + waitingReason + (waitingMessage.isEmpty() ? "" : ": " + waitingMessage);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : "";
    }
}
