package dev.capstan.cli;

import java.util.concurrent.Callable;

import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show an Application: source, destination, sync policy, sync and health, the last operation, "
                + "conditions and resources; or the whole object as YAML or JSON.")
final class AppGetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Application.")
    private String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "table (default: a summary), wide (with health messages), yaml or json.")
    private OutputFormat output = OutputFormat.TABLE;

    @Override
    public Integer call() {
        output.requireOneOf(spec, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.YAML, OutputFormat.JSON);
        Application application;
        try (var client = capstan.connect()) {
            application = capstan.applications(client).get(name);
        }
        var out = spec.commandLine().getOut();
        switch (output) {
            case YAML -> out.print(ObjectOutput.yaml(application));
            case JSON -> out.print(ObjectOutput.json(application));
            default -> ApplicationDescription.print(out, application, output == OutputFormat.WIDE);
        }
        out.flush();
        return 0;
    }
}
