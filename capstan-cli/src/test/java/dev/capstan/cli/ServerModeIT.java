package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.capstan.api.CustomResourceDefinitions;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.auth.AccessControl;
import dev.capstan.auth.AuthException;
import dev.capstan.controller.CapstanController;
import dev.capstan.controller.ControllerOptions;
import dev.capstan.git.serve.GitHttpServer;
import dev.capstan.server.CapstanServer;
import dev.capstan.server.ServerOptions;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

/** capstan login, then app list, get, sync and wait through the HTTP API of a running controller, and logout. */
@WithControlPlane
class ServerModeIT {

    @TempDir
    static Path temporary;

    private static KubernetesClient client;
    private static String namespace;
    private static GitHttpServer git;
    private static CapstanController controller;
    private static CapstanServer server;
    private static String url;
    private static Path config;
    private InputStream stdin;

    @BeforeAll
    static void start(KubernetesClient kubernetesClient, TestNamespace namespace) {
        client = kubernetesClient;
        CustomResourceDefinitions.install(client, "capstan-test", Duration.ofSeconds(60));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("served-app").endMetadata().build()).fieldManager("capstan-test").forceConflicts().serverSideApply();
        git = GitHttpServer.start(temporary.resolve("served"));
        git.create("config").commit("main", Map.of("app/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: served}
                data: {k: v}
                """), "one");
        ServerModeIT.namespace = namespace.name();
        client.resource(ServedCapstan.defaultProject(namespace.name())).create();
        client.resource(application(namespace.name())).create();
        controller = CapstanController.start(client, ControllerOptions.defaults(temporary.resolve("cache")).withNamespace(namespace.name())
                .withPollInterval(Duration.ofSeconds(2)).withWorkers(2));
        server = CapstanServer.start(ServerOptions.defaults().withAddress("127.0.0.1", 0), client, controller, new OneUser());
        url = "http://127.0.0.1:" + server.port();
        config = temporary.resolve("home").resolve("config.json");
        System.setProperty(CliConfig.PATH_PROPERTY, config.toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(CliConfig.PATH_PROPERTY);
        server.close();
        controller.close();
        git.close();
    }

    @AfterEach
    void restoreStdin() {
        if (stdin != null) {
            System.setIn(stdin);
        }
    }

    @Test
    void login_then_list_get_sync_and_wait_through_the_api_then_logout() throws Exception {
        var refused = login("wrong");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("401", "invalid username or password");
        assertThat(config).doesNotExist();

        var login = login("s3cret");
        assertThat(login.exit()).as(login.printed()).isZero();
        assertThat(login.out()).contains("logged in to " + url + " as admin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(Files.readString(config)).contains("\"server\"", "token-of-admin").doesNotContain("s3cret");

        var list = CommandRun.of("app", "list");
        assertThat(list.exit()).as(list.printed()).isZero();
        assertThat(list.out()).contains("NAME", "served");

        var sync = CommandRun.of("app", "sync", "served", "--timeout", "90s");
        assertThat(sync.exit()).as(sync.printed()).isZero();
        assertThat(sync.out()).contains("sync of application served requested through " + url, "Sync Succeeded");

        var wait = CommandRun.of("app", "wait", "served", "--sync", "--timeout", "90s");
        assertThat(wait.exit()).as(wait.printed()).isZero();
        assertThat(wait.out()).contains("application served: Synced");

        var get = CommandRun.of("app", "get", "served", "-o", "json");
        assertThat(get.exit()).as(get.printed()).isZero();
        assertThat(get.out()).contains("served", "apiVersion");

        assertThat(CommandRun.of("app", "get", "missing").err()).contains("404", "application missing not found");

        var history = CommandRun.of("app", "history", "served");
        assertThat(history.exit()).as(history.printed()).isZero();
        assertThat(history.out()).contains("ID", "REVISION", "admin");
        var rollback = CommandRun.of("app", "rollback", "served");
        assertThat(rollback.exit()).isNotZero();
        assertThat(rollback.err()).contains("only one entry in its history");

        var delete = CommandRun.of("app", "delete", "served", "--cascade=false", "--wait", "--timeout", "60s");
        assertThat(delete.exit()).as(delete.printed()).isZero();
        assertThat(delete.out()).contains("application served deleted through " + url, "its resources are left in place");
        assertThat(client.resources(Application.class).inNamespace(namespace).withName("served").get()).isNull();
        assertThat(client.configMaps().inNamespace("served-app").withName("served").get()).as("left in place").isNotNull();

        var logout = CommandRun.of("logout");
        assertThat(logout.exit()).as(logout.printed()).isZero();
        assertThat(config).doesNotExist();
        var afterwards = CommandRun.of("app", "list", "--server", url);
        assertThat(afterwards.exit()).isNotZero();
        assertThat(afterwards.err()).contains("401");
    }

    private CommandRun login(String password) {
        stdin = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        return CommandRun.of("login", url, "--username", "admin", "--password-stdin");
    }

    private static Application application(String namespace) {
        var application = new Application();
        application.getMetadata().setName("served");
        application.getMetadata().setNamespace(namespace);
        var spec = new ApplicationSpec();
        var source = new ApplicationSource();
        source.setRepoURL(git.url("config"));
        source.setTargetRevision("main");
        source.setPath("app");
        spec.setSource(source);
        var destination = new ApplicationDestination();
        destination.setServer("https://kubernetes.default.svc");
        destination.setNamespace("served-app");
        spec.setDestination(destination);
        application.setSpec(spec);
        return application;
    }

    /** One account, admin, allowed everything. */
    private static final class OneUser implements AccessControl {
        private volatile boolean loggedIn;

        @Override
        public Optional<Principal> authenticate(String token) {
            return loggedIn && token.equals("token-of-admin") ? Optional.of(new Principal("admin", List.of(), "")) : Optional.empty();
        }

        @Override
        public Session login(String username, String password, String clientAddress) {
            if (!username.equals("admin") || !password.equals("s3cret")) {
                throw new AuthException(AuthException.Reason.INVALID_CREDENTIALS, "invalid username or password");
            }
            loggedIn = true;
            return new Session("token-of-admin", Instant.now().plus(Duration.ofHours(1)));
        }

        @Override
        public void logout(String token) {
            loggedIn = false;
        }

        @Override
        public boolean allowed(Principal principal, String resource, String action, String object) {
            return true;
        }

        @Override
        public List<Account> accounts() {
            return List.of();
        }

        @Override
        public String createToken(String account, String id, Duration expiresIn) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revokeToken(String account, String id) {
        }

        @Override
        public void changePassword(String account, String currentPassword, String newPassword) {
        }
    }
}
