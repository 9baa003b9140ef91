package dev.capstan.engine.health;

import java.util.List;
import java.util.stream.Collectors;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import tools.jackson.databind.JsonNode;

/**
 * A Service of type {@code LoadBalancer} is healthy once the cloud provider has given it an
 * address and progressing until then; every other type has nothing to wait for.
 */
final class ServiceHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var service = LiveObject.of(live);
        String type = service.text("/spec/type");
        if (!type.equals("LoadBalancer")) {
            return Health.healthy((type.isEmpty() ? "ClusterIP" : type) + " service: nothing to provision");
        }
        List<JsonNode> ingress = service.list("/status/loadBalancer/ingress");
        if (ingress.isEmpty()) {
            return Health.progressing("Waiting for the load balancer to be given an address");
        }
        return Health.healthy("load balancer at " + addresses(ingress));
    }

    /** The IPs or host names of {@code status.loadBalancer.ingress}, shared with Ingress. */
    static String addresses(List<JsonNode> ingress) {
        return ingress.stream()
                .map(entry -> entry.path("ip").isString() ? entry.path("ip").asString() : entry.path("hostname").asString(""))
                .filter(address -> !address.isEmpty())
                .collect(Collectors.collectingAndThen(Collectors.joining(", "), joined -> joined.isEmpty() ? "an address" : joined));
    }
}
