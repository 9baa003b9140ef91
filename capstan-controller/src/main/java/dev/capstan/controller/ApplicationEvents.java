package dev.capstan.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.api.v1alpha1.Application;

/**
 * Kubernetes Events about Applications: syncs, failures, drift. The same reason and message for
 * the same application is recorded once per ten minutes, so a lasting error does not flood the
 * namespace. Messages are built by the controller from names and reasons, never from a secret.
 */
final class ApplicationEvents {

    enum Type { Normal, Warning }

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationEvents.class);
    private static final Duration REPEAT_AFTER = Duration.ofMinutes(10);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final Map<String, Recorded> last = new ConcurrentHashMap<>();

    private record Recorded(String reason, String message, Instant at) {
    }

    ApplicationEvents(KubernetesClient client) {
        this.client = client;
    }

    void record(Application application, Type type, String reason, String message) {
        String name = application.getMetadata().getName();
        String namespace = application.getMetadata().getNamespace();
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        Instant now = Instant.now();
        Recorded previous = last.get(namespace + "/" + name);
        if (previous != null && previous.reason().equals(reason) && previous.message().equals(text)
                && previous.at().plus(REPEAT_AFTER).isAfter(now)) {
            return;
        }
        last.put(namespace + "/" + name, new Recorded(reason, text, now));
        LOG.info("{} {}/{}: {}", reason, namespace, name, text);
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name + "." + Long.toHexString(now.toEpochMilli()) + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt()))
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(application.getApiVersion())
                .withKind(application.getKind())
                .withName(name)
                .withNamespace(namespace)
                .withUid(application.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type.name())
                .withReason(reason)
                .withMessage(text)
                .withNewSource().withComponent("capstan-controller").endSource()
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record the event {} for {}/{}: {}", reason, namespace, name, e.getMessage());
        }
    }

    void forget(String namespace, String name) {
        last.remove(namespace + "/" + name);
    }
}
