package dev.capstan.cli;

import java.util.List;
import java.util.Objects;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List AppProjects.")
final class ProjListCommand extends CapstanSubcommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "table (default), name, yaml or json.")
    private OutputFormat output = OutputFormat.TABLE;

    @Override
    public Integer call() {
        output.requireOneOf(spec, OutputFormat.TABLE, OutputFormat.NAME, OutputFormat.YAML, OutputFormat.JSON);
        List<AppProject> projects;
        try (var client = capstan.connect()) {
            projects = capstan.projects(client).list(null);
        }
        ObjectOutput.print(out(), output, projects, () -> table(projects).render());
        return 0;
    }

    private static Table table(List<AppProject> projects) {
        var table = new Table("NAME", "DESCRIPTION", "SOURCES", "DESTINATIONS");
        for (AppProject project : projects) {
            AppProjectSpec projectSpec = Objects.requireNonNullElseGet(project.getSpec(), AppProjectSpec::new);
            table.row(project.getMetadata().getName(), projectSpec.getDescription(),
                    ProjectDescription.joined(projectSpec.getSourceRepos()),
                    ProjectDescription.destinations(projectSpec.getDestinations()));
        }
        return table;
    }
}
