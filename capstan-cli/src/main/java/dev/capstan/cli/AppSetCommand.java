package dev.capstan.cli;

import java.util.concurrent.Callable;

import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Change fields of an Application; the options not given leave their fields as they are.")
final class AppSetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Application.")
    private String name;

    @Mixin
    private ApplicationFields fields;

    @Override
    public Integer call() {
        if (fields.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give at least one field option (see --help)");
        }
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            Application before = applications.get(name);
            Application after = applications.change(name, application -> {
                fields.applyTo(application.getSpec(), applications.key(name).toString());
                return application;
            });
            var out = spec.commandLine().getOut();
            boolean changed = !after.getMetadata().getResourceVersion().equals(before.getMetadata().getResourceVersion());
            out.println(applications.key(name) + (changed ? " updated" : " unchanged"));
            out.flush();
        }
        return 0;
    }
}
