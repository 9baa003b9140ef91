package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;
import dev.capstan.api.v1alpha1.GroupKindRef;
import dev.capstan.api.v1alpha1.ProjectDestination;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an AppProject. Without --source-repo its Applications may use no repository, "
                + "without --dest deploy nowhere, and without --allow-cluster-resource create no cluster-scoped kind.",
                "A project that exists already is left alone when it would not change, replaced with --upsert, and refused otherwise."})
final class ProjCreateCommand extends CapstanSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the AppProject.")
    private String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the project is for.")
    private String description;

    @Option(names = {"-s", "--src", "--source-repo"}, paramLabel = "GLOB",
            description = "Glob of repository URLs its Applications may use, e.g. 'https://github.com/shop/*' (repeatable).")
    private List<String> sourceRepos = new ArrayList<>();

    @Option(names = {"-d", "--dest"}, paramLabel = "SERVER,NAMESPACE", converter = DestinationConverter.class,
            description = "API server and namespace glob it may deploy to, e.g. https://kubernetes.default.svc,shop-* (repeatable).")
    private List<ProjectDestination> destinations = new ArrayList<>();

    @Option(names = "--allow-cluster-resource", paramLabel = "GROUP/KIND", converter = GroupKindConverter.class,
            description = "Cluster-scoped kind it may deploy, e.g. /Namespace or rbac.authorization.k8s.io/ClusterRole; * globs (repeatable).")
    private List<GroupKindRef> allowClusterResources = new ArrayList<>();

    @Option(names = "--deny-cluster-resource", paramLabel = "GROUP/KIND", converter = GroupKindConverter.class,
            description = "Cluster-scoped kind it may not deploy (repeatable).")
    private List<GroupKindRef> denyClusterResources = new ArrayList<>();

    @Option(names = "--allow-namespaced-resource", paramLabel = "GROUP/KIND", converter = GroupKindConverter.class,
            description = "Namespaced kind it may deploy; when none is given, every kind (repeatable).")
    private List<GroupKindRef> allowNamespacedResources = new ArrayList<>();

    @Option(names = "--deny-namespaced-resource", paramLabel = "GROUP/KIND", converter = GroupKindConverter.class,
            description = "Namespaced kind it may not deploy, e.g. /ResourceQuota (repeatable).")
    private List<GroupKindRef> denyNamespacedResources = new ArrayList<>();

    @Option(names = "--upsert", description = "Replace the spec of a project that exists and differs.")
    private boolean upsert;

    @Override
    public Integer call() {
        var project = new AppProject();
        project.setMetadata(new ObjectMeta());
        project.getMetadata().setName(name);
        var projectSpec = new AppProjectSpec();
        projectSpec.setDescription(description);
        projectSpec.setSourceRepos(orNull(sourceRepos));
        projectSpec.setDestinations(orNull(destinations));
        projectSpec.setClusterResourceWhitelist(orNull(allowClusterResources));
        projectSpec.setClusterResourceBlacklist(orNull(denyClusterResources));
        projectSpec.setNamespaceResourceWhitelist(orNull(allowNamespacedResources));
        projectSpec.setNamespaceResourceBlacklist(orNull(denyNamespacedResources));
        project.setSpec(projectSpec);
        try (var client = capstan.connect()) {
            var projects = capstan.projects(client);
            var outcome = projects.createOrUpsert(project, upsert);
            var out = out();
            out.println(projects.key(name) + " " + outcome);
            out.flush();
        }
        return 0;
    }

    private static <T> List<T> orNull(List<T> list) {
        return list.isEmpty() ? null : List.copyOf(list);
    }

    /** {@code SERVER,NAMESPACE}, both globs. */
    static final class DestinationConverter implements ITypeConverter<ProjectDestination> {
        @Override
        public ProjectDestination convert(String value) {
            int comma = value.indexOf(',');
            if (comma <= 0 || comma == value.length() - 1 || value.indexOf(',', comma + 1) >= 0) {
                throw new TypeConversionException("'" + value + "' is not SERVER,NAMESPACE (e.g. https://kubernetes.default.svc,shop)");
            }
            var destination = new ProjectDestination();
            destination.setServer(value.substring(0, comma).strip());
            destination.setNamespace(value.substring(comma + 1).strip());
            return destination;
        }
    }

    /** {@code GROUP/KIND}; {@code /KIND} or {@code KIND} alone is the core group. */
    static final class GroupKindConverter implements ITypeConverter<GroupKindRef> {
        @Override
        public GroupKindRef convert(String value) {
            int slash = value.lastIndexOf('/');
            String kind = value.substring(slash + 1).strip();
            if (kind.isEmpty() || value.indexOf('/') != slash) {
                throw new TypeConversionException("'" + value + "' is not GROUP/KIND (e.g. apps/Deployment, /ConfigMap, */*)");
            }
            var groupKind = new GroupKindRef();
            groupKind.setGroup(slash < 0 ? "" : value.substring(0, slash).strip());
            groupKind.setKind(kind);
            return groupKind;
        }
    }
}
