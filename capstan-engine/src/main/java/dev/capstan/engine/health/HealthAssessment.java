package dev.capstan.engine.health;

import java.util.Objects;

import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.ResourceKey;

/**
 * The health of one resource and the rule that decided it, so that the CLI and UI can say why.
 * {@code decidedBy} is one of:
 * <ul>
 *   <li>{@code cel:<source>#<index>}: a user's CEL rule, by its source name and position there;</li>
 *   <li>{@code deletion}: the object is being deleted;</li>
 *   <li>{@code lua:<source>:<kinds>}: a user's Lua health check in Argo CD's format, by the
 *       ConfigMap (or file) it came from and the kinds its key names, e.g.
 *       {@code lua:ConfigMap/argocd/argocd-cm:cert-manager.io/Certificate} or
 *       {@code lua:argocd-cm.yaml:*.crossplane.io/*};</li>
 *   <li>{@code builtin:<Kind.group>}: the built-in check for the kind;</li>
 *   <li>{@code library:<Kind.group>}: the rule for the kind in Capstan's rule library;</li>
 *   <li>{@code check:<Kind.group>}: a check added with {@link HealthAssessor#withCheck};</li>
 *   <li>{@code generic:<aspect>}: the fallback for any kind, by the part of the object it read
 *       ({@code suspend}, {@code observedGeneration}, {@code conditions}, {@code phase}, {@code ready}), or
 *       {@code generic:none} when the object carries no health information at all, or
 *       {@code generic:unknown} when it has a status with nothing recognisable;</li>
 *   <li>{@code missing}: the object is desired but absent from the cluster.</li>
 * </ul>
 */
public record HealthAssessment(ResourceKey key, Health health, String decidedBy) {

    /** The rule for objects that carry no health information (ConfigMaps, RBAC, status-less resources). */
    public static final String NO_HEALTH_INFORMATION = "generic:none";

    public HealthAssessment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(decidedBy, "decidedBy");
    }

    /** A desired object that is not in the cluster. */
    public static HealthAssessment missing(ResourceKey key) {
        return new HealthAssessment(key, Health.missing("not found in the cluster"), "missing");
    }

    public HealthStatus status() {
        return health.status();
    }

    public String message() {
        return health.message();
    }

    /** False for objects whose health means nothing; an application's health ignores them. */
    public boolean hasHealthInformation() {
        return !NO_HEALTH_INFORMATION.equals(decidedBy);
    }

    /** {@code Deployment.apps/shop/web: Progressing: waiting ... [builtin:Deployment.apps]} */
    @Override
    public String toString() {
        return key + ": " + health + " [" + decidedBy + "]";
    }
}
