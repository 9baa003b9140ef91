package dev.capstan.bench;

import java.util.List;

import dev.capstan.localcluster.LocalControlPlane;

/** Capstan's own sync, measured beside the floor and the peer. */
final class CapstanTools {

    private CapstanTools() {
    }

    /** Not there yet: the sync runner of the engine is wired in when it lands. */
    static List<Tool> cold(LocalControlPlane controlPlane) {
        return List.of();
    }
}
