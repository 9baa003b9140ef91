package dev.capstan.engine.health;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import tools.jackson.core.JacksonException;

/**
 * A HorizontalPodAutoscaler is degraded when it cannot read its target's scale or its metrics
 * ({@code AbleToScale} or {@code ScalingActive} with a failure reason), healthy when it is able
 * to scale or is holding at its bounds ({@code AbleToScale} or {@code ScalingLimited} True), and
 * progressing before it has said anything. {@code autoscaling/v1} objects carry the conditions
 * as JSON in the {@code autoscaling.alpha.kubernetes.io/conditions} annotation.
 *
 * <p>Argo CD returns the first condition that is either healthy or degraded; here a failure in
 * any condition wins, so a failing metric is not hidden behind {@code AbleToScale=True}.
 */
final class HorizontalPodAutoscalerHealth implements HealthCheck {

    static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

    private static final Set<String> SCALE_FAILURES = Set.of("FailedGetScale", "FailedUpdateScale");
    private static final Set<String> METRIC_FAILURES = Set.of("InvalidSelector", "InvalidMetricSourceType");

    @Override
    public Health assess(Manifest live) {
        List<Condition> conditions;
        Optional<String> annotation = live.annotation(V1_CONDITIONS);
        if (annotation.isPresent() && !live.at("/status/conditions").isArray()) {
            try {
                conditions = Condition.listAt(ManifestFormat.JSON.readTree(annotation.get()));
            } catch (JacksonException e) {
                return Health.unknown("the annotation %s is not valid JSON: %s".formatted(V1_CONDITIONS, e.getOriginalMessage()));
            }
        } else {
            conditions = LiveObject.of(live).conditions();
        }
        var failure = conditions.stream().filter(HorizontalPodAutoscalerHealth::isFailure).findFirst();
        if (failure.isPresent()) {
            return Health.degraded(failure.get().reasonAndMessage());
        }
        var able = conditions.stream().filter(HorizontalPodAutoscalerHealth::isAbleToScale).findFirst();
        if (able.isPresent()) {
            return Health.healthy(able.get().reasonAndMessage());
        }
        return Health.progressing("Waiting for the autoscaler to report that it can scale");
    }

    private static boolean isFailure(Condition condition) {
        return switch (condition.type()) {
            case "AbleToScale" -> SCALE_FAILURES.contains(condition.reason());
            case "ScalingActive" -> condition.reason().startsWith("FailedGet") || METRIC_FAILURES.contains(condition.reason());
            default -> false;
        };
    }

    private static boolean isAbleToScale(Condition condition) {
        return (condition.type().equals("AbleToScale") || condition.type().equals("ScalingLimited")) && condition.isTrue();
    }
}
