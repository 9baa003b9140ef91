package dev.capstan.cli;

import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Change fields of an Application; the options not given leave their fields as they are.")
final class AppSetCommand extends ApplicationSubcommand {

    @Mixin
    private ApplicationFields fields;

    @Override
    public Integer call() {
        if (fields.isEmpty()) {
            throw usage("nothing to change: give at least one field option (see --help)");
        }
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            Application before = applications.get(name);
            Application after = applications.change(name, application -> {
                fields.applyTo(application.getSpec(), applications.key(name).toString());
                return application;
            });
            var out = out();
            boolean changed = !after.getMetadata().getResourceVersion().equals(before.getMetadata().getResourceVersion());
            out.println(applications.key(name) + (changed ? " updated" : " unchanged"));
            out.flush();
        }
        return 0;
    }
}
