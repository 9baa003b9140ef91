package dev.capstan.cli;

import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show an Application: source, destination, sync policy, sync and health, the last operation, "
                + "conditions and resources; or the whole object as YAML or JSON.")
final class AppGetCommand extends ApplicationSubcommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "table (default: a summary), wide (with health messages), yaml or json.")
    private OutputFormat output = OutputFormat.TABLE;

    @Mixin
    private ServerMode serverMode;

    @Override
    public Integer call() {
        output.requireOneOf(spec, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.YAML, OutputFormat.JSON);
        Application application = serverMode.application(capstan, name);
        ObjectOutput.print(out(), output, application, () -> ApplicationDescription.text(application, output == OutputFormat.WIDE));
        return 0;
    }
}
