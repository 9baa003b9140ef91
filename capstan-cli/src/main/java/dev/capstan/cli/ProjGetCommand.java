package dev.capstan.cli;

import dev.capstan.api.v1alpha1.AppProject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show an AppProject: sources, destinations, allowed and denied kinds, roles and sync windows.")
final class ProjGetCommand extends CapstanSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the AppProject.")
    private String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "table (default: a summary), yaml or json.")
    private OutputFormat output = OutputFormat.TABLE;

    @Override
    public Integer call() {
        output.requireOneOf(spec, OutputFormat.TABLE, OutputFormat.YAML, OutputFormat.JSON);
        AppProject project;
        try (var client = capstan.connect()) {
            project = capstan.projects(client).get(name);
        }
        ObjectOutput.print(out(), output, project, () -> ProjectDescription.summary(project));
        return 0;
    }
}
