package dev.capstan.engine.health;

import java.util.List;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import tools.jackson.databind.JsonNode;

/**
 * An Ingress is healthy once an ingress controller has published an address for it in
 * {@code status.loadBalancer.ingress}, and progressing until then, as in Argo CD. An ingress
 * whose controller never publishes addresses therefore stays progressing; a user rule can say
 * otherwise for such a class.
 */
final class IngressHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        List<JsonNode> ingress = LiveObject.of(live).list("/status/loadBalancer/ingress");
        if (ingress.isEmpty()) {
            return Health.progressing("Waiting for an ingress controller to publish an address");
        }
        return Health.healthy("served at " + ServiceHealth.addresses(ingress));
    }
}
