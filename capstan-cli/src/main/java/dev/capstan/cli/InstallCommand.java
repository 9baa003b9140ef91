package dev.capstan.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;

import dev.capstan.auth.AuthObjects;
import dev.capstan.engine.GroupKind;
import dev.capstan.engine.ResourceKey;
import dev.capstan.kube.ApiErrors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install Capstan into the cluster: its CRDs, namespace, ServiceAccount, RBAC, a Service for "
                + "webhooks, the controller Deployment, the default AppProject and the RBAC policy of the web UI "
                + "(ConfigMap " + AuthObjects.RBAC_CONFIG_MAP + ": every account may read, only admin may change; "
                + "both created only when missing).",
                "Everything is written with server-side apply (field manager " + InstallCommand.FIELD_MANAGER
                        + "), so running it again changes only what differs. --dry-run -o yaml prints the objects and touches nothing.",
                "The ClusterRole " + InstallManifests.MANAGER + " lets the controller write any resource, as a GitOps "
                        + "controller must; narrow it for clusters shared with namespaced tenants."})
final class InstallCommand implements Callable<Integer> {

    static final String FIELD_MANAGER = "capstan-install";
    static final String IMAGE_REPOSITORY = "ghcr.io/capstan-dev/capstan";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAME", defaultValue = CapstanOptions.DEFAULT_NAMESPACE,
            description = "Namespace to install the controller into, where its Applications live (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Controller image (default: " + IMAGE_REPOSITORY + ":<this version>).")
    private String image;

    @Option(names = "--dry-run", description = "Change nothing: say what would be applied, or print it with -o.")
    private boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "With --dry-run: yaml (one document per object) or json (a List).")
    private OutputFormat output;

    @Override
    public Integer call() {
        if (output != null) {
            output.requireOneOf(spec, OutputFormat.YAML, OutputFormat.JSON);
            if (!dryRun) {
                throw new ParameterException(spec.commandLine(), "-o prints the objects instead of applying them: add --dry-run");
            }
        }
        List<HasMetadata> objects = InstallManifests.of(namespace, image != null ? image : IMAGE_REPOSITORY + ":" + VersionCommand.capstanVersion());
        var out = spec.commandLine().getOut();
        if (dryRun) {
            if (output == OutputFormat.YAML) {
                out.print(ObjectOutput.yamlDocuments(objects));
            } else if (output == OutputFormat.JSON) {
                out.print(ObjectOutput.json(objects));
            } else {
                objects.forEach(object -> out.println(name(object) + " (dry run)"));
            }
            out.flush();
            return 0;
        }
        try (var client = connection.connect()) {
            for (HasMetadata object : objects) {
                out.println(name(object) + " " + apply(client, object));
                out.flush();
            }
        }
        return 0;
    }

    /** Applies one object; says created, configured or unchanged. The default project and RBAC policy are only created when missing. */
    private static String apply(KubernetesClient client, HasMetadata object) {
        var key = key(object);
        try {
            HasMetadata before = client.resource(object).get();
            if (InstallManifests.createdOnlyWhenMissing(object) && before != null) {
                return "unchanged (exists; left as it is)";
            }
            HasMetadata after = client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            if (object instanceof CustomResourceDefinition) {
                awaitEstablished(client, object.getMetadata().getName());
            }
            if (before == null) {
                return "created";
            }
            return before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion()) ? "unchanged" : "configured";
        } catch (KubernetesClientException e) {
            throw ApiErrors.classify(key, "apply", e);
        }
    }

    private static void awaitEstablished(KubernetesClient client, String name) {
        try {
            client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(crd -> crd != null
                    && crd.getStatus() != null && crd.getStatus().getConditions() != null
                    && crd.getStatus().getConditions().stream().anyMatch(condition ->
                            condition.getType().equals("Established") && condition.getStatus().equals("True")), 60, TimeUnit.SECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new UserError("the CustomResourceDefinition " + name + " was not established within 60 s");
        }
    }

    /** As kubectl names what it applied: {@code kind.group/name}, in lower case. */
    static String name(HasMetadata object) {
        String group = GroupKind.groupOf(object.getApiVersion());
        return object.getKind().toLowerCase(Locale.ROOT) + (group.isEmpty() ? "" : "." + group) + "/" + object.getMetadata().getName();
    }

    private static ResourceKey key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return ResourceKey.of(GroupKind.of(object.getApiVersion(), object.getKind()), namespace == null ? "" : namespace,
                object.getMetadata().getName());
    }
}
