package dev.capstan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;
import dev.capstan.api.v1alpha1.SyncPolicy;
import dev.capstan.auth.AccessControl;
import dev.capstan.auth.KubernetesAccessControl;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.controller.webhook.Provider;
import dev.capstan.controller.webhook.PushEvent;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.localcluster.BinaryCache;
import dev.capstan.kube.SecretData;
import dev.capstan.localcluster.CapstanHome;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Capstan end to end on this machine: the local control plane, a local Git server with a sample "
                + "repository (examples/demo-repo), the controller, and an app of apps that deploys the samples.",
                "Runs until Ctrl-C; the control plane stays up afterwards (./capstan cluster local down stops it)."})
final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    static final String NAMESPACE = "capstan";
    static final String REPOSITORY = "demo";
    static final String ROOT_APPLICATION = "apps";
    static final String INITIAL_ADMIN_SECRET = "capstan-initial-admin-secret";
    private static final List<String> APPLICATIONS = List.of(ROOT_APPLICATION, "hello", "guestbook");
    private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Use this cluster instead of starting the local control plane.")
    private Path kubeconfig;

    @Option(names = "--git-port", paramLabel = "PORT", defaultValue = "18471",
            description = "Port of the demo's Git server on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int gitPort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the HTTP API and web UI on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int apiPort;

    @Option(names = "--exit-when-healthy", paramLabel = "TIMEOUT",
            description = "Stop once every demo Application is Synced and Healthy (exit 0), or after TIMEOUT (exit 1), e.g. 3m.")
    private String exitWhenHealthy;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path config = kubeconfig != null ? kubeconfig : localControlPlane(out);
        String kubectl = kubeconfig != null ? "" : BinaryCache.fromEnvironment().find()
                .map(binaries -> "  kubectl:       alias kubectl=" + binaries.kubectl() + "   (built with the control plane)\n").orElse("");
        var connection = new ConnectionOptions();
        connection.kubeconfig = config;
        KubernetesClient client = connection.connect();
        List<AutoCloseable> running = new ArrayList<>();
        try {
            step(out, "Installing the custom resources and the namespace " + NAMESPACE);
            prepareCluster(client);
            step(out, "Serving the sample repository");
            GitHttpServer git = GitHttpServer.start(freshDirectory(CapstanHome.fromEnvironment().root().resolve("demo").resolve("git")),
                    "127.0.0.1", gitPort);
            running.add(git);
            String url = git.url(REPOSITORY);
            String head = git.create(REPOSITORY).replaceTree("main", DemoRepository.files(url), "The Capstan demo repository");
            step(out, "Starting the controller");
            CapstanController controller = CapstanController.start(client, ControllerOptions
                    .defaults(CapstanHome.fromEnvironment().root().resolve("demo").resolve("cache"))
                    .withNamespace(NAMESPACE).withPollInterval(Duration.ofMinutes(3)).withWorkers(4));
            running.addFirst(controller);
            git.onPush(push -> controller.pushed(new PushEvent(Provider.GENERIC, List.of(url), push.ref(),
                    Optional.of(push.newId()), Optional.of("main"), Optional.empty())));
            step(out, "Serving the API and the web UI");
            AccessControl access = KubernetesAccessControl.start(client, NAMESPACE, Clock.systemUTC());
            CapstanServer api = CapstanServer.start(ServerOptions.defaults().withAddress("127.0.0.1", apiPort), client, controller, access);
            running.addFirst(api);
            if (access instanceof AutoCloseable closeable) {
                running.add(1, closeable);
            }
            step(out, "Creating the Application " + ROOT_APPLICATION + " (an app of apps: it creates hello and guestbook)");
            client.resource(rootApplication(url)).forceConflicts().fieldManager("capstan-demo").serverSideApply();
            printNextSteps(out, config, url, kubectl);
            printUi(out, api.port());
            printAdminPassword(out, client);
            running.add(client);
            if (exitWhenHealthy != null) {
                boolean healthy = awaitHealthy(client, head, ControllerCommand.DurationOption.parse("--exit-when-healthy", exitWhenHealthy), out);
                closeAll(running);
                return healthy ? 0 : 1;
            }
            Foreground.runUntilStopped(running);
            return 0;
        } catch (RuntimeException | InterruptedException e) {
            running.add(client);
            closeAll(running);
            throw e;
        }
    }

    private Path localControlPlane(PrintWriter out) {
        Optional<Path> running = LocalClusterCommand.runningKubeconfig();
        if (running.isPresent()) {
            step(out, "Using the local control plane that is running");
            return running.get();
        }
        step(out, "Starting the local control plane (the first time builds it from Go modules: several minutes)");
        CommandLine up = Main.commandLine().setOut(out).setErr(spec.commandLine().getErr());
        if (up.execute("cluster", "local", "up") != 0) {
            throw new UserError("the local control plane did not start; see the messages above");
        }
        return LocalClusterCommand.runningKubeconfig()
                .orElseThrow(() -> new UserError("the local control plane started but gives no kubeconfig"));
    }

    private static void prepareCluster(KubernetesClient client) {
        CustomResourceDefinitions.install(client, "capstan-demo", CRD_TIMEOUT);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .forceConflicts().fieldManager("capstan-demo").serverSideApply();
        client.resource(InstallManifests.defaultProject(NAMESPACE)).forceConflicts().fieldManager("capstan-demo").serverSideApply();
    }

    private static Application rootApplication(String url) {
        var application = new Application();
        application.getMetadata().setName(ROOT_APPLICATION);
        application.getMetadata().setNamespace(NAMESPACE);
        application.getMetadata().setFinalizers(List.of(Application.RESOURCES_FINALIZER));
        var spec = new ApplicationSpec();
        spec.setProject("default");
        var source = new ApplicationSource();
        source.setRepoURL(url);
        source.setTargetRevision("main");
        source.setPath("apps");
        spec.setSource(source);
        var destination = new ApplicationDestination();
        destination.setServer("https://kubernetes.default.svc");
        destination.setNamespace(NAMESPACE);
        spec.setDestination(destination);
        var policy = new SyncPolicy();
        var automated = new SyncPolicy.Automated();
        automated.setPrune(true);
        automated.setSelfHeal(true);
        policy.setAutomated(automated);
        spec.setSyncPolicy(policy);
        application.setSpec(spec);
        return application;
    }

    private static void printNextSteps(PrintWriter out, Path config, String url, String kubectl) {
        out.printf("""

                Capstan's demo is running (Ctrl-C stops the controller and the Git server).

                  Cluster:       export KUBECONFIG=%1$s
                %4$s  Applications:  kubectl get applications -n %2$s     (or: ./capstan app list)
                  Repository:    %3$s   (branch main)

                Change something and watch it roll out:
                  git clone %3$s capstan-demo && cd capstan-demo
                  sed -i 's/replicas: 1/replicas: 3/' hello/hello.yaml
                  git commit -am "three hellos" && git push
                  kubectl get deployment hello -n hello -w

                Or change a managed object by hand and watch self-heal put it back:
                  kubectl scale deployment hello -n hello --replicas=5

                """, config, NAMESPACE, url, kubectl);
        out.flush();
    }

    private static void printUi(PrintWriter out, int port) {
        out.printf("  Web UI:        http://127.0.0.1:%d/      (API: http://127.0.0.1:%d/api/v1, login: ./capstan login http://127.0.0.1:%d)%n",
                port, port, port);
        out.flush();
    }

    /**
     * The admin account's first password, from the Secret {@value #INITIAL_ADMIN_SECRET} that the
     * access control of capstan-auth makes at its first start; until that is in the build there is none.
     */
    static void printAdminPassword(PrintWriter out, KubernetesClient client) {
        var secret = client.secrets().inNamespace(NAMESPACE).withName(INITIAL_ADMIN_SECRET).get();
        String password = secret == null ? null : SecretData.decoded(secret).get("password");
        if (password == null || password.isBlank()) {
            out.println("  Login:         admin, with the password you set (the initial one was shown before and its Secret removed)");
        } else {
            out.println("  Login:         admin / " + password + "   (shown by the demo only; change it in the UI)");
        }
        out.println();
        out.flush();
    }

    /** Waits until every demo Application is Synced and Healthy at {@code head}, the commit this run serves. */
    private static boolean awaitHealthy(KubernetesClient client, String head, Duration timeout, PrintWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (APPLICATIONS.stream().allMatch(name -> healthy(client, name, head))) {
                printTable(client, out);
                out.println("Every demo Application is Synced and Healthy.");
                out.flush();
                return true;
            }
            Thread.sleep(500);
        }
        printTable(client, out);
        out.println("Not every demo Application was Synced and Healthy within " + timeout.toSeconds() + " s.");
        out.flush();
        return false;
    }

    private static boolean healthy(KubernetesClient client, String name, String head) {
        Application application = client.resources(Application.class).inNamespace(NAMESPACE).withName(name).get();
        ApplicationStatus status = application == null ? null : application.getStatus();
        return status != null && status.getSync() != null && "Synced".equals(status.getSync().getStatus())
                && head.equals(status.getSync().getRevision())
                && status.getHealth() != null && "Healthy".equals(status.getHealth().getStatus());
    }

    private static void printTable(KubernetesClient client, PrintWriter out) {
        out.printf("%-12s %-10s %-12s %s%n", "NAME", "SYNC", "HEALTH", "REVISION");
        for (String name : APPLICATIONS) {
            Application application = client.resources(Application.class).inNamespace(NAMESPACE).withName(name).get();
            ApplicationStatus status = application == null ? null : application.getStatus();
            String sync = status == null || status.getSync() == null ? "-" : Objects.requireNonNullElse(status.getSync().getStatus(), "-");
            String health = status == null || status.getHealth() == null ? "-" : Objects.requireNonNullElse(status.getHealth().getStatus(), "-");
            String revision = status == null || status.getSync() == null || status.getSync().getRevision() == null ? "-"
                    : status.getSync().getRevision().substring(0, Math.min(7, status.getSync().getRevision().length()));
            out.printf("%-12s %-10s %-12s %s%n", application == null ? name + " (absent)" : name, sync, health, revision);
        }
    }

    private static void step(PrintWriter out, String text) {
        out.println("==> " + text);
        out.flush();
    }

    private static Path freshDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("while stopping the demo: {}", e.toString());
            }
        }
    }
}
