package dev.capstan.localcluster;

import java.nio.file.Path;

/** A directory of built, verified control-plane binaries, as the binary cache hands it out. */
public record Binaries(Path dir) {

    static final String READY = "READY";
    static final String KWOK_STAGES = "kwok-stages.yaml";

    public Path etcd() {
        return dir.resolve("etcd");
    }

    public Path kubeApiserver() {
        return dir.resolve("kube-apiserver");
    }

    public Path kubeControllerManager() {
        return dir.resolve("kube-controller-manager");
    }

    public Path kubeScheduler() {
        return dir.resolve("kube-scheduler");
    }

    public Path kubectl() {
        return dir.resolve("kubectl");
    }

    public Path kwok() {
        return dir.resolve("kwok");
    }

    public Path kwokStages() {
        return dir.resolve(KWOK_STAGES);
    }
}
