package dev.capstan.engine.health;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;

/** A PersistentVolumeClaim is healthy when bound to a volume, degraded when that volume is lost. */
final class PersistentVolumeClaimHealth implements HealthCheck {

    @Override
    public Health assess(Manifest live) {
        var claim = LiveObject.of(live);
        String volume = claim.text("/spec/volumeName");
        String phase = claim.text("/status/phase");
        return switch (phase) {
            case "Bound" -> Health.healthy(volume.isEmpty() ? "bound" : "bound to volume " + volume);
            case "Pending" -> Health.progressing("Waiting for a volume to be provisioned or bound");
            case "Lost" -> Health.degraded("the bound volume " + (volume.isEmpty() ? "" : volume + " ") + "no longer exists");
            default -> Health.unknown(phase.isEmpty() ? "the claim reports no phase yet" : "the claim is in unknown phase " + phase);
        };
    }
}
