package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

/**
 * The API with Capstan's real access control, driven by the CLI as users and CI drive it: the
 * admin logs in with the initial password, makes an API token for a CI account, and the CI
 * account may read but not sync, as the RBAC policy says; a refused sync changes nothing, and
 * the admin password appears in no log line.
 */
@WithControlPlane
class ServerAccessIT {

    @TempDir
    static Path temporary;

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static ServedCapstan capstan;
    private InputStream stdin;

    @BeforeAll
    static void start(KubernetesClient client, TestNamespace namespace) {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        System.setProperty(CliConfig.PATH_PROPERTY, temporary.resolve("home").resolve("config.json").toString());
        capstan = ServedCapstan.start(client, namespace.name(), temporary);
        capstan.policy("""
                p, role:ci, applications, get, */*, allow
                g, ci, role:ci
                """, "", Map.of("ci", "apiKey"));
        capstan.git.create("config").commit("main", Map.of("app/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: guarded}
                data: {k: v}
                """), "one");
        capstan.createApplication("guarded", "config", "app", "guarded-" + namespace.name());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(CliConfig.PATH_PROPERTY);
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        capstan.close();
    }

    @AfterEach
    void restoreStdin() {
        if (stdin != null) {
            System.setIn(stdin);
        }
    }

    @Test
    void a_ci_token_may_list_but_a_sync_the_policy_forbids_is_refused_and_changes_nothing() {
        String password = capstan.initialAdminPassword();
        var login = login(password);
        assertThat(login.exit()).as(login.printed()).isZero();
        var generated = CommandRun.of("account", "generate-token", "--account", "ci", "--id", "pipeline");
        assertThat(generated.exit()).as(generated.printed()).isZero();
        String token = generated.out().strip();
        assertThat(token).isNotBlank();
        CommandRun.of("logout");

        var list = CommandRun.of("app", "list", "--server", capstan.url(), "--auth-token", token);
        assertThat(list.exit()).as(list.printed()).isZero();
        assertThat(list.out()).contains("guarded");

        var sync = CommandRun.of("app", "sync", "guarded", "--server", capstan.url(), "--auth-token", token, "--async");
        assertThat(sync.exit()).as(sync.printed()).isNotZero();
        assertThat(sync.err()).contains("403");
        Application after = capstan.client.resources(Application.class).inNamespace(capstan.namespace).withName("guarded").get();
        assertThat(after.getOperation()).as("the refused sync requested no operation").isNull();
        assertThat(after.getStatus() == null || after.getStatus().getOperationState() == null).as("nothing ran").isTrue();

        var forged = CommandRun.of("app", "list", "--server", capstan.url(), "--auth-token", token + "x");
        assertThat(forged.err()).contains("401");

        assertThat(LOGS.list).as("log lines").isNotEmpty().noneSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()))).contains(password));
        assertThat(LOGS.list).noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains(token));
    }

    private CommandRun login(String password) {
        stdin = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        return CommandRun.of("login", capstan.url(), "--username", "admin", "--password-stdin");
    }
}
