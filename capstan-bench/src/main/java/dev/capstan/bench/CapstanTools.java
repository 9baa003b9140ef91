package dev.capstan.bench;

import java.util.List;

import dev.capstan.localcluster.LocalControlPlane;

/** Capstan's own sync, measured beside the floor and the peer. */
final class CapstanTools {

    private CapstanTools() {
    }

    static List<Tool> cold(LocalControlPlane controlPlane) {
        return List.of(new CapstanTool(controlPlane.kubeconfig()));
    }
}
