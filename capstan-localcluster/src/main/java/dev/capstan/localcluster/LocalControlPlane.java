package dev.capstan.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler and kwok, which plays the kubelet of one fake node so that Deployments become
 * Available and Jobs complete. It runs in a run directory that holds its certificates,
 * kubeconfig, etcd data, logs and {@code state.properties}; closing it stops every process and
 * removes the directory.
 */
public final class LocalControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);

    static final List<String> COMPONENTS =
            List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");

    public static final String NODE_NAME = "kwok-node-0";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    /** Controllers that need no cloud, no kubelet and no metrics API. */
    private static final String CONTROLLERS = String.join(",",
            "garbage-collector-controller", "namespace-controller", "deployment-controller",
            "replicaset-controller", "statefulset-controller", "daemonset-controller", "job-controller",
            "cronjob-controller", "ttl-after-finished-controller", "serviceaccount-controller",
            "serviceaccount-token-controller", "root-ca-certificate-publisher-controller",
            "endpointslice-controller", "endpointslice-mirroring-controller", "endpoints-controller",
            "replicationcontroller-controller", "resourcequota-controller", "disruption-controller",
            "pod-garbage-collector-controller", "clusterrole-aggregation-controller");

    /** The loopback ports of one control plane. */
    public record Ports(int etcd, int etcdPeer, int apiServer, int controllerManager, int scheduler) {

        static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
        }

        Map<String, Integer> byComponent() {
            return Map.of("etcd", etcd, "kube-apiserver", apiServer,
                    "kube-controller-manager", controllerManager, "kube-scheduler", scheduler);
        }
    }

    private final Path runDir;
    private final Ports ports;
    private final Path kubeconfig;
    private final List<ComponentProcess> components;
    private final RunState state;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalControlPlane(Path runDir, Ports ports, Path kubeconfig, List<ComponentProcess> components, RunState state) {
        this.runDir = runDir;
        this.ports = ports;
        this.kubeconfig = kubeconfig;
        this.components = components;
        this.state = state;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::stop);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a control plane from {@code binaries} in {@code runDir}, which must not hold a live
     * one, and returns once every component is ready: the API server answers, the controller
     * manager has created the default ServiceAccount, and the fake node is Ready.
     */
    public static LocalControlPlane start(Binaries binaries, Path runDir) {
        StaleRuns.reap(runDir.getParent());
        RunState.read(runDir).filter(RunState::ownerAlive).ifPresent(live -> {
            throw new ControlPlaneException("start the control plane in " + runDir,
                    "a control plane owned by process " + live.ownerPid() + " already runs there");
        });
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(binaries, runDir);
            } catch (PortTaken e) {
                if (attempt == START_ATTEMPTS) {
                    throw e.failure;
                }
                LOG.info("a port was taken while starting; trying again with other ports ({})", e.failure.step());
            }
        }
    }

    private static LocalControlPlane startOnce(Binaries binaries, Path runDir) {
        BinaryCache.deleteTree(runDir);
        var started = new ArrayList<ComponentProcess>();
        try {
            Files.createDirectories(runDir);
            RunState state = RunState.ownedByThisProcess(runDir);
            state.write();
            Path guard = writeGuard(runDir);
            Ports ports = Ports.free();
            ports.byComponent().forEach((name, port) -> state.set(name + ".port", Integer.toString(port)));
            Pki pki = Pki.generate(runDir.resolve("pki"));
            Path kubeconfig = writeKubeconfig(runDir, pki, ports.apiServer());
            state.set("kubeconfig", kubeconfig.toString()).write();
            var probe = new Probe(pki.file(Pki.CA_CERT));

            var starter = new Starter(guard, runDir, state, started);
            ComponentProcess etcd = starter.start("etcd", binaries.etcd(), etcdArgs(runDir, ports));
            await("start etcd", etcd, () -> probe.ok("http://127.0.0.1:" + ports.etcd() + "/health", "true"));

            ComponentProcess apiServer = starter.start("kube-apiserver", binaries.kubeApiserver(), apiServerArgs(runDir, pki, ports));
            await("start kube-apiserver", apiServer, () -> probe.ok(https(ports.apiServer(), "/readyz"), "ok"));

            ComponentProcess controllerManager = starter.start("kube-controller-manager", binaries.kubeControllerManager(),
                    controllerManagerArgs(kubeconfig, pki, ports));
            ComponentProcess scheduler = starter.start("kube-scheduler", binaries.kubeScheduler(),
                    schedulerArgs(kubeconfig, pki, ports));
            ComponentProcess kwok = starter.start("kwok", binaries.kwok(), List.of(
                    "--kubeconfig=" + kubeconfig, "--config=" + binaries.kwokStages(),
                    "--manage-all-nodes=true", "--cidr=10.244.0.0/16"));

            try (KubernetesClient client = client(kubeconfig)) {
                createNode(client);
                await("start kube-controller-manager", controllerManager,
                        () -> probe.ok(https(ports.controllerManager(), "/healthz"), "ok") && defaultServiceAccountExists(client));
                await("start kube-scheduler", scheduler, () -> probe.ok(https(ports.scheduler(), "/healthz"), "ok"));
                await("start kwok", kwok, () -> nodeReady(client));
            }
            state.set("phase", "ready").set("startedAt", Instant.now().toString()).write();
            return new LocalControlPlane(runDir, ports, kubeconfig, List.copyOf(started), state);
        } catch (ControlPlaneException e) {
            stopAll(started);
            if (e.logTail().toLowerCase().contains("address already in use")) {
                throw new PortTaken(e);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            stopAll(started);
            throw new ControlPlaneException("start the control plane in " + runDir, causes(e), e);
        }
    }

    public Path runDir() {
        return runDir;
    }

    public Ports ports() {
        return ports;
    }

    /** An admin kubeconfig (group {@code system:masters}) with the certificates inline. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public String apiServerUrl() {
        return https(ports.apiServer(), "");
    }

    /** A new admin client; the caller closes it. */
    public KubernetesClient newClient() {
        return client(kubeconfig);
    }

    /** The pid of a component's own process (not its guard's), e.g. to read its CPU time; empty if it is not running. */
    public Optional<Long> componentPid(String name) {
        return components.stream().filter(component -> component.name().equals(name)).findFirst()
                .flatMap(component -> Processes.groupMembers(component.pgid()).stream()
                        .filter(pid -> Processes.commandLine(pid).split(" ", 2)[0].endsWith("/" + name))
                        .findFirst());
    }

    /** Process-group ids of the running components, for checks that they are gone after {@link #close()}. */
    public List<Long> processGroups() {
        return components.stream().map(ComponentProcess::pgid).toList();
    }

    /**
     * Blocks until a component exits on its own, and returns its name; returns empty when the
     * control plane is being stopped instead.
     */
    public Optional<String> awaitUnexpectedExit() {
        while (!isClosed()) {
            for (ComponentProcess component : components) {
                if (!component.alive() && !isClosed()) {
                    return Optional.of(component.name());
                }
            }
            Processes.pause(Duration.ofMillis(500));
        }
        return Optional.empty();
    }

    /** The last lines of a component's log (the run directory, logs included, is removed on close). */
    public String logTail(String component) {
        return LogTail.of(runDir.resolve(component + ".log"), 30);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run: it stops the components
        }
        stop();
    }

    private void stop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        state.set("phase", "stopping").write();
        stopAll(components);
        BinaryCache.deleteTree(runDir);
    }

    private static void stopAll(List<ComponentProcess> components) {
        for (ComponentProcess component : components.reversed()) {
            long started = System.nanoTime();
            component.stop(STOP_GRACE);
            LOG.info("stopped {} in {} ms", component.name(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Starts components and records their process groups before anything else can fail. */
    private record Starter(Path guard, Path runDir, RunState state, List<ComponentProcess> started) {
        ComponentProcess start(String name, Path executable, List<String> args) {
            ComponentProcess component = ComponentProcess.start(name, guard, executable, args, runDir);
            started.add(component);
            state.set(name + ".pgid", Long.toString(component.pgid())).write();
            return component;
        }
    }

    private static void await(String step, ComponentProcess component, BooleanSupplier ready) {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!ready.getAsBoolean()) {
            component.checkAlive(step);
            if (Instant.now().isAfter(deadline)) {
                throw ControlPlaneException.withLog(step, component.name() + " was not ready after "
                        + START_TIMEOUT.toSeconds() + " s", component.log(), null);
            }
            Processes.pause(Duration.ofMillis(100));
        }
        LOG.info("{}: ready after {} ms", step, (System.nanoTime() - started) / 1_000_000);
    }

    private static List<String> etcdArgs(Path runDir, Ports ports) {
        String client = "http://127.0.0.1:" + ports.etcd();
        String peer = "http://127.0.0.1:" + ports.etcdPeer();
        return List.of("--name=default", "--data-dir=" + runDir.resolve("etcd"),
                "--listen-client-urls=" + client, "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=default=" + peer, "--listen-metrics-urls=",
                "--unsafe-no-fsync=true", "--log-level=warn");
    }

    private static List<String> apiServerArgs(Path runDir, Pki pki, Ports ports) {
        return List.of(
                "--etcd-servers=http://127.0.0.1:" + ports.etcd(), "--etcd-prefix=/registry",
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                "--secure-port=" + ports.apiServer(), "--cert-dir=" + runDir.resolve("apiserver-certs"),
                "--tls-cert-file=" + pki.file(Pki.SERVER_CERT), "--tls-private-key-file=" + pki.file(Pki.SERVER_KEY),
                "--client-ca-file=" + pki.file(Pki.CA_CERT),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + pki.file(Pki.SA_PUB),
                "--service-account-signing-key-file=" + pki.file(Pki.SA_KEY),
                "--service-cluster-ip-range=10.96.0.0/16",
                "--endpoint-reconciler-type=none",
                "--allow-privileged=true",
                "--disable-admission-plugins=TaintNodesByCondition",
                "--profiling=false");
    }

    private static List<String> controllerManagerArgs(Path kubeconfig, Pki pki, Ports ports) {
        return List.of(
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig, "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1", "--secure-port=" + ports.controllerManager(),
                "--tls-cert-file=" + pki.file(Pki.SERVER_CERT), "--tls-private-key-file=" + pki.file(Pki.SERVER_KEY),
                "--leader-elect=false", "--use-service-account-credentials=false",
                "--service-account-private-key-file=" + pki.file(Pki.SA_KEY),
                "--root-ca-file=" + pki.file(Pki.CA_CERT),
                "--controllers=" + CONTROLLERS,
                "--kube-api-qps=200", "--kube-api-burst=400",
                "--profiling=false");
    }

    private static List<String> schedulerArgs(Path kubeconfig, Pki pki, Ports ports) {
        return List.of(
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig, "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1", "--secure-port=" + ports.scheduler(),
                "--tls-cert-file=" + pki.file(Pki.SERVER_CERT), "--tls-private-key-file=" + pki.file(Pki.SERVER_KEY),
                "--leader-elect=false", "--profiling=false");
    }

    private static Path writeGuard(Path runDir) throws IOException {
        Path guard = runDir.resolve("guard.sh");
        try (InputStream in = LocalControlPlane.class.getResourceAsStream("guard.sh")) {
            if (in == null) {
                throw new IllegalStateException("guard.sh is missing beside " + LocalControlPlane.class);
            }
            Files.write(guard, in.readAllBytes());
        }
        return guard;
    }

    private static Path writeKubeconfig(Path runDir, Pki pki, int apiPort) throws IOException {
        Path file = runDir.resolve("kubeconfig");
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: capstan-local
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: capstan-admin
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: capstan-local
                  context:
                    cluster: capstan-local
                    user: capstan-admin
                current-context: capstan-local
                """.formatted(https(apiPort, ""), base64(pki.read(Pki.CA_CERT)),
                base64(pki.read(Pki.ADMIN_CERT)), base64(pki.read(Pki.ADMIN_KEY)));
        Files.writeString(file, text);
        return file;
    }

    private static KubernetesClient client(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createNode(KubernetesClient client) {
        client.nodes().resource(new NodeBuilder()
                .withNewMetadata()
                .withName(NODE_NAME)
                .addToLabels("kubernetes.io/hostname", NODE_NAME)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels("type", "kwok")
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .endMetadata()
                .build()).create();
    }

    private static boolean defaultServiceAccountExists(KubernetesClient client) {
        try {
            return client.serviceAccounts().inNamespace("default").withName("default").get() != null;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /** Whether the fake node of the control plane behind {@code kubeconfig} is Ready. */
    static boolean nodeReady(Path kubeconfig) {
        try (KubernetesClient client = client(kubeconfig)) {
            return nodeReady(client);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean nodeReady(KubernetesClient client) {
        try {
            var node = client.nodes().withName(NODE_NAME).get();
            return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                    && node.getStatus().getConditions().stream()
                    .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private static String causes(Throwable error) {
        var text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static String https(int port, String path) {
        return "https://127.0.0.1:" + port + path;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ControlPlaneException("find a free loopback port", e.getMessage(), e);
        }
    }

    /** A start that failed because a port was taken between choosing it and binding it. */
    private static final class PortTaken extends RuntimeException {
        private final ControlPlaneException failure;

        PortTaken(ControlPlaneException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }
}
