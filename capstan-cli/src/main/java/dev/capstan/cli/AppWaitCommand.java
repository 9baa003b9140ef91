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

    @Override
    public Integer call() {
        var conditions = sync || health || operation ? new ApplicationWait(sync, health, operation) : ApplicationWait.all();
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            applications.get(name);
            var awaited = applications.await(name, application -> application == null || conditions.unmet(application).isEmpty(), wait.timeout);
            if (awaited.object() == null) {
                throw new UserError(applications.key(name) + " was deleted");
            }
            if (!awaited.done()) {
                throw new UserError("timed out after " + ApplicationWait.describe(wait.timeout) + " waiting for " + applications.key(name)
                        + ": " + String.join("; ", conditions.unmet(awaited.object())));
            }
            var status = Objects.requireNonNullElseGet(awaited.object().getStatus(), ApplicationStatus::new);
            var out = out();
            out.println(applications.key(name) + ": " + ApplicationDescription.syncStatus(status)
                    + ", " + ApplicationDescription.health(status.getHealth()));
            out.flush();
        }
        return 0;
    }
}
