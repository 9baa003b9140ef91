package dev.capstan.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import dev.capstan.api.v1alpha1.ApplicationStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait until an Application is Synced, Healthy and has no operation requested or running "
                + "(all three unless some are chosen).",
                "Exit codes: 0 reached, 1 timed out (saying what is still missing) or not found."})
final class AppWaitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Application.")
    private String name;

    @Option(names = "--sync", description = "Wait until it is Synced.")
    private boolean sync;

    @Option(names = "--health", description = "Wait until it is Healthy.")
    private boolean health;

    @Option(names = "--operation", description = "Wait until no operation is requested or running.")
    private boolean operation;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long to wait, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() {
        var conditions = sync || health || operation ? new ApplicationWait(sync, health, operation) : ApplicationWait.all();
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            applications.get(name);
            var awaited = applications.await(name, application -> application == null || conditions.unmet(application).isEmpty(), timeout);
            if (awaited.object() == null) {
                throw new UserError(applications.key(name) + " was deleted");
            }
            if (!awaited.done()) {
                throw new UserError("timed out after " + ApplicationWait.describe(timeout) + " waiting for " + applications.key(name)
                        + ": " + String.join("; ", conditions.unmet(awaited.object())));
            }
            var status = Objects.requireNonNullElseGet(awaited.object().getStatus(), ApplicationStatus::new);
            var out = spec.commandLine().getOut();
            out.println(applications.key(name) + ": " + ApplicationDescription.syncStatus(status)
                    + ", " + ApplicationDescription.health(status.getHealth()));
            out.flush();
        }
        return 0;
    }
}
