package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

import dev.capstan.auth.AccessControl.Principal;
import dev.capstan.auth.AuthException.Reason;
import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Accounts, sessions, tokens and the policy kept in a namespace of the local control plane. */
@WithControlPlane
class KubernetesAccessControlIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ADDRESS = "192.0.2.10";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger capstan = (Logger) LoggerFactory.getLogger("dev.capstan");
    private Level capstanLevel;
    private final List<Runnable> cleanUp = new java.util.ArrayList<>();

    @BeforeEach
    void captureLogs() {
        capstanLevel = capstan.getLevel();
        capstan.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        capstan.setLevel(capstanLevel);
        cleanUp.forEach(Runnable::run);
    }

    @Test
    void the_first_start_makes_the_admin_password_whose_login_gives_a_session_and_never_logs_it(KubernetesClient client,
            TestNamespace namespace) {
        String ns = freshNamespace(client, namespace);

        KubernetesAccessControl access = KubernetesAccessControl.start(client, ns, Clock.systemUTC());

        Secret initial = client.secrets().inNamespace(ns).withName("capstan-initial-admin-secret").get();
        String password = decode(initial.getData().get("password"));
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        Map<String, String> kept = client.secrets().inNamespace(ns).withName("capstan-secret").get().getData();
        assertThat(kept).containsKeys("admin.password", "admin.passwordMtime", "server.secretkey");
        assertThat(decode(kept.get("admin.password"))).startsWith("$2a$10$");
        assertThat(new Passwords(new SecureRandom()).matches(decode(kept.get("admin.password")), password)).isTrue();

        var session = access.login("admin", password, ADDRESS);
        Principal principal = access.authenticate(session.token()).orElseThrow();
        assertThat(principal.username()).isEqualTo("admin");
        assertThat(access.allowed(principal, "applications", "delete", "shop/web")).isTrue();
        assertThatThrownBy(() -> access.login("admin", password + "x", ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS))
                .hasMessage("invalid username or password");

        KubernetesAccessControl restarted = KubernetesAccessControl.start(client, ns, Clock.systemUTC());
        assertThat(restarted.authenticate(session.token())).as("a restart keeps the key and the password").isPresent();
        assertThat(decode(client.secrets().inNamespace(ns).withName("capstan-secret").get().getData().get("admin.password")))
                .isEqualTo(decode(kept.get("admin.password")));

        assertThat(InitialAdminPassword.takeOnce(client, ns)).hasValue(password);
        assertThat(InitialAdminPassword.takeOnce(client, ns)).isEmpty();
        assertThat(client.secrets().inNamespace(ns).withName("capstan-initial-admin-secret").get()).isNull();

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("the initial admin password is in Secret capstan-initial-admin-secret; "
                        + "`capstan admin initial-password` shows it once");
        String everythingLogged = String.join("\n", logs.list.stream().map(KubernetesAccessControlIT::text).toList());
        assertThat(everythingLogged).doesNotContain(password)
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(session.token());
    }

    @Test
    void six_quick_failures_are_refused_as_too_many_attempts(KubernetesClient client, TestNamespace namespace) {
        String ns = freshNamespace(client, namespace);
        KubernetesAccessControl access = KubernetesAccessControl.start(client, ns, Clock.systemUTC());

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> access.login("admin", "guess", ADDRESS))
                    .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
        }
        assertThatThrownBy(() -> access.login("admin", "guess", ADDRESS))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
                    assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void an_api_token_of_an_account_with_apikey_works_until_it_is_revoked(KubernetesClient client, TestNamespace namespace) {
        String ns = freshNamespace(client, namespace);
        client.configMaps().inNamespace(ns).resource(configMap(ns, "capstan-cm", Map.of("accounts.ci", "apiKey"))).create();
        KubernetesAccessControl access = KubernetesAccessControl.start(client, ns, Clock.systemUTC());

        String token = access.createToken("ci", "build", Duration.ofDays(30));

        assertThat(access.authenticate(token)).hasValueSatisfying(principal -> {
            assertThat(principal.username()).isEqualTo("ci");
            assertThat(principal.tokenId()).isEqualTo("build");
        });
        String tokens = decode(client.secrets().inNamespace(ns).withName("capstan-secret").get().getData().get("accounts.ci.tokens"));
        assertThat(tokens).contains("\"id\":\"build\"").doesNotContain(token).doesNotContain(token.split("\\.")[2]);
        assertThat(access.accounts()).extracting(AccessControl.Account::name).containsExactly("admin", "ci");

        KubernetesAccessControl otherReplica = KubernetesAccessControl.start(client, ns, Clock.systemUTC());
        assertThat(otherReplica.authenticate(token)).as("every replica accepts it").isPresent();

        access.revokeToken("ci", "build");

        assertThat(access.authenticate(token)).isEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(otherReplica.authenticate(token)).isEmpty());
    }

    @Test
    void logout_ends_a_session_for_every_replica(KubernetesClient client, TestNamespace namespace) {
        String ns = freshNamespace(client, namespace);
        KubernetesAccessControl access = KubernetesAccessControl.start(client, ns, Clock.systemUTC());
        KubernetesAccessControl otherReplica = KubernetesAccessControl.start(client, ns, Clock.systemUTC());
        String password = InitialAdminPassword.takeOnce(client, ns).orElseThrow();
        String token = access.login("admin", password, ADDRESS).token();
        assertThat(otherReplica.authenticate(token)).isPresent();

        access.logout(token);

        assertThat(access.authenticate(token)).isEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(otherReplica.authenticate(token)).isEmpty());
    }

    @Test
    void a_change_of_the_rbac_configmap_takes_effect_without_a_restart(KubernetesClient client, TestNamespace namespace) {
        String ns = freshNamespace(client, namespace);
        KubernetesAccessControl access = KubernetesAccessControl.start(client, ns, Clock.systemUTC());
        var alice = new Principal("alice", List.of(), "session");
        assertThat(access.allowed(alice, "applications", "sync", "shop/web")).isFalse();

        ConfigMap rbac = client.configMaps().inNamespace(ns).resource(configMap(ns, "capstan-rbac-cm", Map.of(
                "policy.default", "role:readonly",
                "policy.csv", "p, role:deployer, applications, sync, shop/*, allow\ng, alice, role:deployer\n"))).create();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(access.allowed(alice, "applications", "sync", "shop/web")).isTrue());
        assertThat(access.allowed(alice, "applications", "sync", "bank/web")).isFalse();
        assertThat(access.allowed(alice, "projects", "get", "default")).isTrue();

        rbac.getData().put("policy.csv", rbac.getData().get("policy.csv") + "p, alice, applications, sync, shop/web, deny\n");
        client.configMaps().inNamespace(ns).resource(rbac).update();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(access.allowed(alice, "applications", "sync", "shop/web")).isFalse());
        assertThat(access.allowed(alice, "applications", "sync", "shop/api")).isTrue();
    }

    /** A namespace of its own for each test: each starts from an empty one, as a first start does. */
    private String freshNamespace(KubernetesClient client, TestNamespace namespace) {
        String name = namespace.name() + "-" + NAMESPACES.incrementAndGet();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        cleanUp.add(() -> client.namespaces().withName(name).delete());
        return name;
    }

    private static ConfigMap configMap(String namespace, String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withData(data).build();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String text(ILoggingEvent event) {
        return event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
}
