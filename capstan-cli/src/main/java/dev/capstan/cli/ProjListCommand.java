package dev.capstan.cli;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import dev.capstan.api.v1alpha1.AppProject;
import dev.capstan.api.v1alpha1.AppProjectSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List AppProjects.")
final class ProjListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

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
        var out = spec.commandLine().getOut();
        switch (output) {
            case NAME -> projects.forEach(project -> out.println(project.getMetadata().getName()));
            case YAML -> out.print(ObjectOutput.yaml(projects));
            case JSON -> out.print(ObjectOutput.json(projects));
            default -> {
                var table = new Table("NAME", "DESCRIPTION", "SOURCES", "DESTINATIONS");
                for (AppProject project : projects) {
                    AppProjectSpec projectSpec = Objects.requireNonNullElseGet(project.getSpec(), AppProjectSpec::new);
                    table.row(project.getMetadata().getName(), projectSpec.getDescription(),
                            ProjectDescription.joined(projectSpec.getSourceRepos()),
                            ProjectDescription.destinations(projectSpec.getDestinations()));
                }
                table.print(out);
            }
        }
        out.flush();
        return 0;
    }
}
