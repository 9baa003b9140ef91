package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.capstan.api.v1alpha1.ApplicationDependency;
import dev.capstan.api.v1alpha1.ApplicationDestination;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.SyncPolicy;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The fields of an Application that {@code app create} sets and {@code app set} changes, with
 * Argo CD's flag names. An option not given leaves its field as it is.
 */
final class ApplicationFields {

    static final String IN_CLUSTER = "https://kubernetes.default.svc";

    /** Whether the controller syncs on its own. */
    enum SyncPolicyChoice {
        AUTOMATED, MANUAL;

        static final class Converter implements ITypeConverter<SyncPolicyChoice> {
            @Override
            public SyncPolicyChoice convert(String value) {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "automated", "automatic", "auto" -> AUTOMATED;
                    case "manual", "none" -> MANUAL;
                    default -> throw new TypeConversionException("'" + value + "' is not a sync policy: automated or manual");
                };
            }
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    ToolFields tools;

    @Option(names = "--repo", paramLabel = "URL", description = "URL of the Git repository, or of the Helm repository or OCI registry with --helm-chart.")
    String repo;

    @Option(names = "--path", paramLabel = "PATH", description = "Directory of the manifests in the repository.")
    String path;

    @Option(names = "--revision", paramLabel = "REVISION",
            description = "Branch, tag, commit or semantic version range to deploy (default when created: HEAD).")
    String revision;

    @Option(names = "--dest-server", paramLabel = "URL",
            description = "API server to deploy to (default when created: " + IN_CLUSTER + ", the cluster Capstan runs in).")
    String destServer;

    @Option(names = "--dest-name", paramLabel = "NAME", description = "Name of a registered cluster to deploy to, instead of --dest-server.")
    String destName;

    @Option(names = "--dest-namespace", paramLabel = "NAMESPACE",
            description = "Namespace for the namespaced resources that name none.")
    String destNamespace;

    @Option(names = "--project", paramLabel = "NAME", description = "AppProject of the application (default when created: default).")
    String project;

    @Option(names = "--sync-policy", paramLabel = "POLICY", converter = SyncPolicyChoice.Converter.class,
            description = "automated (sync whenever the application is OutOfSync) or manual (only when asked; removes automated sync).")
    SyncPolicyChoice syncPolicy;

    @Option(names = "--self-heal", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "With automated sync: also sync when the live state drifts, not only when Git changes.")
    Boolean selfHeal;

    @Option(names = "--auto-prune", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "With automated sync: delete resources that are no longer in Git.")
    Boolean autoPrune;

    @Option(names = "--allow-empty", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "With automated sync: allow a sync that would prune every resource of the application.")
    Boolean allowEmpty;

    @Option(names = "--sync-option", paramLabel = "KEY=VALUE",
            description = "A sync option such as CreateNamespace=true or PruneLast=true (repeatable; app set replaces the list).")
    List<String> syncOptions = new ArrayList<>();

    @Option(names = "--depends-on", paramLabel = "[NAMESPACE/]NAME",
            description = "An Application that must be Healthy before this one syncs (repeatable; app set replaces the list).")
    List<String> dependsOn = new ArrayList<>();

    @Option(names = "--directory-recurse", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "Also read manifests in subdirectories of the path.")
    Boolean directoryRecurse;

    /** Whether no field was given. */
    boolean isEmpty() {
        return repo == null && path == null && revision == null && destServer == null && destName == null
                && destNamespace == null && project == null && syncPolicy == null && selfHeal == null
                && autoPrune == null && allowEmpty == null && syncOptions.isEmpty() && dependsOn.isEmpty()
                && directoryRecurse == null && tools.isEmpty();
    }

    /** A new spec with these fields and the defaults of a new application. */
    ApplicationSpec newSpec() {
        if (repo == null || (path == null && tools.helmChart == null)) {
            throw usage("give --repo and --path, or --repo and --helm-chart (or -f FILE)");
        }
        var spec = new ApplicationSpec();
        spec.setProject("default");
        spec.setSource(new ApplicationSource());
        spec.setDestination(new ApplicationDestination());
        applyTo(spec, "");
        if (spec.getDestination().getServer() == null && spec.getDestination().getName() == null) {
            spec.getDestination().setServer(IN_CLUSTER);
        }
        return spec;
    }

    /** Sets the fields that were given in {@code target}; {@code name} names the application in messages. */
    void applyTo(ApplicationSpec target, String name) {
        if (destServer != null && destName != null) {
            throw usage("give --dest-server or --dest-name, not both");
        }
        if (repo != null || path != null || revision != null || directoryRecurse != null || !tools.isEmpty()) {
            applyToSource(target, name);
        }
        applyToDestination(target);
        if (project != null) {
            target.setProject(project);
        }
        applyToSyncPolicy(target);
        if (!dependsOn.isEmpty()) {
            target.setDependsOn(dependsOn.stream().map(ApplicationFields::dependency).toList());
        }
    }

    private void applyToSource(ApplicationSpec target, String name) {
        if (target.getSource() == null) {
            if (target.getSources() != null && !target.getSources().isEmpty()) {
                throw new UserError(name + " has several sources; change them in its YAML (kubectl edit)");
            }
            target.setSource(new ApplicationSource());
        }
        ApplicationSource source = target.getSource();
        if (repo != null) {
            source.setRepoURL(repo);
        }
        if (path != null) {
            source.setPath(path);
        }
        if (revision != null) {
            source.setTargetRevision(revision);
        }
        if (directoryRecurse != null) {
            if (source.getDirectory() == null) {
                source.setDirectory(new ApplicationSource.Directory());
            }
            source.getDirectory().setRecurse(directoryRecurse);
        }
        tools.applyTo(source);
    }

    private void applyToDestination(ApplicationSpec target) {
        if (destServer == null && destName == null && destNamespace == null) {
            return;
        }
        if (target.getDestination() == null) {
            target.setDestination(new ApplicationDestination());
        }
        ApplicationDestination destination = target.getDestination();
        if (destServer != null) {
            destination.setServer(destServer);
            destination.setName(null);
        }
        if (destName != null) {
            destination.setName(destName);
            destination.setServer(null);
        }
        if (destNamespace != null) {
            destination.setNamespace(destNamespace);
        }
    }

    private void applyToSyncPolicy(ApplicationSpec target) {
        if (syncPolicy == null && selfHeal == null && autoPrune == null && allowEmpty == null && syncOptions.isEmpty()) {
            return;
        }
        if (target.getSyncPolicy() == null) {
            target.setSyncPolicy(new SyncPolicy());
        }
        SyncPolicy policy = target.getSyncPolicy();
        if (syncPolicy == SyncPolicyChoice.AUTOMATED && policy.getAutomated() == null) {
            policy.setAutomated(new SyncPolicy.Automated());
        } else if (syncPolicy == SyncPolicyChoice.MANUAL) {
            policy.setAutomated(null);
        }
        if (selfHeal != null || autoPrune != null || allowEmpty != null) {
            SyncPolicy.Automated automated = policy.getAutomated();
            if (automated == null) {
                throw usage("--self-heal, --auto-prune and --allow-empty need automated sync: add --sync-policy automated");
            }
            if (selfHeal != null) {
                automated.setSelfHeal(selfHeal);
            }
            if (autoPrune != null) {
                automated.setPrune(autoPrune);
            }
            if (allowEmpty != null) {
                automated.setAllowEmpty(allowEmpty);
            }
        }
        if (!syncOptions.isEmpty()) {
            policy.setSyncOptions(syncOptions.stream().map(this::syncOption).toList());
        }
    }

    String syncOption(String option) {
        return checkedSyncOption(spec, option);
    }

    /** A {@code KEY=VALUE} sync option as given, or a usage error. */
    static String checkedSyncOption(CommandSpec spec, String option) {
        if (!option.matches("[^=\\s]+=\\S.*")) {
            throw new ParameterException(spec.commandLine(), "--sync-option " + option + ": expected KEY=VALUE, e.g. CreateNamespace=true");
        }
        return option;
    }

    private static ApplicationDependency dependency(String text) {
        var dependency = new ApplicationDependency();
        int slash = text.indexOf('/');
        dependency.setName(slash < 0 ? text : text.substring(slash + 1));
        dependency.setNamespace(slash < 0 ? null : text.substring(0, slash));
        return dependency;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
