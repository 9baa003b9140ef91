package dev.capstan.localcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one component of a recorded control plane is doing: whether its processes run and whether
 * it answers its health endpoint (kwok: whether the fake node it plays is Ready).
 */
public record ComponentHealth(String name, long processGroup, Optional<Integer> port, boolean running, boolean healthy) {

    /** Checks every component recorded in {@code state}. */
    public static List<ComponentHealth> check(RunState state) {
        Path ca = state.runDir().resolve("pki").resolve(Pki.CA_CERT);
        Probe probe = new Probe(ca);
        var report = new ArrayList<ComponentHealth>();
        state.components().forEach((name, pgid) -> {
            Optional<Integer> port = state.port(name);
            boolean running = state.componentAlive(pgid);
            boolean healthy = running && switch (name) {
                case "etcd" -> port.map(p -> probe.ok("http://127.0.0.1:" + p + "/health", "true")).orElse(false);
                case "kube-apiserver" -> port.map(p -> probe.ok("https://127.0.0.1:" + p + "/readyz", "ok")).orElse(false);
                case "kwok" -> state.kubeconfig().map(LocalControlPlane::nodeReady).orElse(false);
                default -> port.map(p -> probe.ok("https://127.0.0.1:" + p + "/healthz", "ok")).orElse(false);
            };
            report.add(new ComponentHealth(name, pgid, port, running, healthy));
        });
        return report;
    }
}
