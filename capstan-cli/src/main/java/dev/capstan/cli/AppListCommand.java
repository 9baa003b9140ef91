package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.api.v1alpha1.ApplicationSpec;
import dev.capstan.api.v1alpha1.ApplicationStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List Applications.")
final class AppListCommand extends CapstanSubcommand {

    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "Only Applications of this project (repeatable).")
    private List<String> projects = new ArrayList<>();

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Only Applications whose labels match, e.g. team=shop,tier!=test.")
    private String selector;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "table (default), wide, name, yaml or json.")
    private OutputFormat output = OutputFormat.TABLE;

    @Mixin
    private ServerMode serverMode;

    @Override
    public Integer call() {
        List<Application> applications;
        var api = serverMode.client(capstan.connection);
        if (api.isPresent()) {
            try (var client = api.get()) {
                applications = client.applications(projects, selector);
            }
            ObjectOutput.print(out(), output, applications, () -> table(applications, output == OutputFormat.WIDE).render());
            return 0;
        }
        try (var client = capstan.connect()) {
            applications = capstan.applications(client).list(selector).stream()
                    .filter(application -> projects.isEmpty() || projects.contains(project(application)))
                    .toList();
        }
        ObjectOutput.print(out(), output, applications, () -> table(applications, output == OutputFormat.WIDE).render());
        return 0;
    }

    static Table table(List<Application> applications, boolean wide) {
        var table = wide
                ? new Table("NAME", "PROJECT", "SYNC", "HEALTH", "REVISION", "REPO", "PATH", "DESTINATION", "SYNC POLICY", "CONDITIONS")
                : new Table("NAME", "PROJECT", "SYNC", "HEALTH", "REVISION", "REPO", "PATH");
        for (Application application : applications) {
            ApplicationSpec spec = Objects.requireNonNullElseGet(application.getSpec(), ApplicationSpec::new);
            ApplicationStatus status = Objects.requireNonNullElseGet(application.getStatus(), ApplicationStatus::new);
            List<ApplicationSource> sources = ApplicationDescription.sources(spec);
            String repo = sources.isEmpty() ? "" : sources.getFirst().getRepoURL() + (sources.size() > 1 ? " (+" + (sources.size() - 1) + ")" : "");
            String path = sources.isEmpty() ? "" : sources.getFirst().getPath();
            String sync = status.getSync() == null ? "" : status.getSync().getStatus();
            String health = status.getHealth() == null ? "" : status.getHealth().getStatus();
            String revision = status.getSync() == null ? "" : status.getSync().getRevision();
            String name = application.getMetadata().getName();
            if (wide) {
                String conditions = status.getConditions() == null ? ""
                        : String.join(",", status.getConditions().stream().map(condition -> condition.getType()).toList());
                table.row(name, spec.getProject(), sync, health, revision, repo, path,
                        ApplicationDescription.destination(spec.getDestination()), ApplicationDescription.syncPolicy(spec.getSyncPolicy()),
                        conditions);
            } else {
                table.row(name, spec.getProject(), sync, health, ApplicationDescription.shortRevision(revision), repo, path);
            }
        }
        return table;
    }

    private static String project(Application application) {
        return application.getSpec() == null || application.getSpec().getProject() == null ? "default" : application.getSpec().getProject();
    }
}
