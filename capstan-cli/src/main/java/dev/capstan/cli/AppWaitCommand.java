package dev.capstan.cli;

import java.util.Objects;

import dev.capstan.api.v1alpha1.ApplicationStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait until an Application is Synced, Healthy and has no operation requested or running "
                + "(all three unless some are chosen).",
                "Exit codes: 0 reached, 1 timed out (saying what is still missing) or not found."})
final class AppWaitCommand extends ApplicationSubcommand {

    @Option(names = "--sync", description = "Wait until it is Synced.")
    private boolean sync;

    @Option(names = "--health", description = "Wait until it is Healthy.")
    private boolean health;

    @Option(names = "--operation", description = "Wait until no operation is requested or running.")
    private boolean operation;

    @Mixin
    private TimeoutOption wait;

    @Mixin
    private ServerMode serverMode;

    @Override
    public Integer call() {
        var conditions = sync || health || operation ? new ApplicationWait(sync, health, operation) : ApplicationWait.all();
        var api = serverMode.client(capstan.connection);
        if (api.isPresent()) {
            try (var client = api.get()) {
                client.application(name);
                var awaited = client.await(name, application -> application == null || conditions.unmet(application).isEmpty(), wait.timeout);
                return report("application " + name, conditions, awaited);
            }
        }
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            applications.get(name);
            var awaited = applications.await(name, application -> application == null || conditions.unmet(application).isEmpty(), wait.timeout);
            return report(applications.key(name).toString(), conditions, awaited);
        }
    }

    private int report(String described, ApplicationWait conditions, ResourceStore.Awaited<dev.capstan.api.v1alpha1.Application> awaited) {
        if (awaited.object() == null) {
            throw new UserError(described + " was deleted");
        }
        if (!awaited.done()) {
            throw new UserError("timed out after " + ApplicationWait.describe(wait.timeout) + " waiting for " + described
                    + ": " + String.join("; ", conditions.unmet(awaited.object())));
        }
        var status = Objects.requireNonNullElseGet(awaited.object().getStatus(), ApplicationStatus::new);
        var out = out();
        out.println(described + ": " + ApplicationDescription.syncStatus(status)
                + ", " + ApplicationDescription.health(status.getHealth()));
        out.flush();
        return 0;
    }
}
