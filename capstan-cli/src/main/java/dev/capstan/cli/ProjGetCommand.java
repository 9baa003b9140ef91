package dev.capstan.cli;

import java.util.concurrent.Callable;

import dev.capstan.api.v1alpha1.AppProject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show an AppProject: sources, destinations, allowed and denied kinds, roles and sync windows.")
final class ProjGetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

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
        var out = spec.commandLine().getOut();
        switch (output) {
            case YAML -> out.print(ObjectOutput.yaml(project));
            case JSON -> out.print(ObjectOutput.json(project));
            default -> out.print(ProjectDescription.summary(project));
        }
        out.flush();
        return 0;
    }
}
