package dev.capstan.testkit;

import java.util.Locale;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.localcluster.BinaryCache;
import dev.capstan.localcluster.BuildProgress;
import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.LocalControlPlane;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one local control plane per test JVM, the first time a class needs it, and stops it
 * when the test run ends; gives each test class its own namespace and admin client. The
 * binaries are built on first use (minutes, once per machine and recipe) and cached.
 */
public final class ControlPlaneExtension implements BeforeAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneExtension.class);
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ControlPlaneExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        classResources(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == TestNamespace.class || type == LocalControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalControlPlane.class) {
            return controlPlane(context);
        }
        ClassResources resources = classResources(context);
        if (type == KubernetesClient.class) {
            return resources.client();
        }
        if (type == TestNamespace.class) {
            return resources.namespace();
        }
        throw new ParameterResolutionException("unsupported parameter " + parameter.getParameter());
    }

    private static LocalControlPlane controlPlane(ExtensionContext context) {
        return context.getRoot().getStore(STORE)
                .computeIfAbsent(SharedControlPlane.class, key -> SharedControlPlane.start(), SharedControlPlane.class)
                .controlPlane();
    }

    private static ClassResources classResources(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElseThrow()
                : context;
        return classContext.getStore(STORE).computeIfAbsent(ClassResources.class,
                key -> ClassResources.create(controlPlane(classContext), classContext.getRequiredTestClass()),
                ClassResources.class);
    }

    /** The JVM's control plane; JUnit closes it when the run ends. */
    private record SharedControlPlane(LocalControlPlane controlPlane) implements AutoCloseable {
        static SharedControlPlane start() {
            var cache = BinaryCache.fromEnvironment();
            var binaries = cache.ensureBuilt(BuildProgress.lines(LOG::info));
            String run = "test-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
            long started = System.nanoTime();
            var controlPlane = LocalControlPlane.start(binaries, CapstanHome.fromEnvironment().runs().resolve(run));
            LOG.info("local control plane ready at {} in {} ms", controlPlane.apiServerUrl(),
                    (System.nanoTime() - started) / 1_000_000);
            return new SharedControlPlane(controlPlane);
        }

        @Override
        public void close() {
            controlPlane.close();
        }
    }

    /** A test class's namespace and client; deleted and closed after the class. */
    private record ClassResources(KubernetesClient client, TestNamespace namespace) implements AutoCloseable {
        static ClassResources create(LocalControlPlane controlPlane, Class<?> testClass) {
            KubernetesClient client = controlPlane.newClient();
            var namespace = new TestNamespace(namespaceFor(testClass));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace.name())
                    .addToLabels("capstan.dev/test-class", testClass.getSimpleName().toLowerCase(Locale.ROOT))
                    .endMetadata().build()).create();
            return new ClassResources(client, namespace);
        }

        @Override
        public void close() {
            try {
                client.namespaces().withName(namespace.name()).delete();
            } finally {
                client.close();
            }
        }
    }

    static String namespaceFor(Class<?> testClass) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        base = base.substring(0, Math.min(base.length(), 40)).replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "test" : base) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
