package dev.capstan.cli;

import java.util.Objects;

import dev.capstan.api.Finalizers;
import dev.capstan.api.v1alpha1.Application;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete an Application. With --cascade (the default) the controller deletes its resources first "
                + "(the finalizer " + Application.RESOURCES_FINALIZER + " is added if missing); with --cascade=false "
                + "the finalizer is removed and the resources are left in place."})
final class AppDeleteCommand extends ApplicationSubcommand {

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOLEAN",
            description = "Delete the Application's resources too (default: ${DEFAULT-VALUE}); --cascade=false leaves them.")
    private boolean cascade;

    @Option(names = "--wait", description = "Wait until the Application is gone.")
    private boolean await;

    @Mixin
    private TimeoutOption wait;

    @Mixin
    private ServerMode serverMode;

    @Override
    public Integer call() {
        var out = out();
        var api = serverMode.client(capstan.connection);
        if (api.isPresent()) {
            try (var client = api.get()) {
                client.delete(name, cascade);
                out.println("application " + name + " deleted through " + client.server()
                        + (cascade ? "; the controller deletes its resources first" : "; its resources are left in place"));
                out.flush();
                if (await && !client.await(name, Objects::isNull, wait.timeout).done()) {
                    throw new UserError("application " + name + " still exists after " + ApplicationWait.describe(wait.timeout)
                            + " (is the controller running?)");
                }
            }
            return 0;
        }
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            Application application = applications.get(name);
            boolean deleting = application.getMetadata().getDeletionTimestamp() != null;
            if (!cascade) {
                applications.change(name, app -> Finalizers.withResourcesFinalizer(app, false));
            } else if (!deleting) {
                applications.change(name, app -> Finalizers.withResourcesFinalizer(app, true));
            }
            if (!deleting) {
                applications.delete(name);
            }
            out.println(applications.key(name) + (deleting ? " was being deleted already" : " deleted")
                    + (cascade ? "; the controller deletes its resources first" : "; its resources are left in place"));
            out.flush();
            if (await) {
                var awaited = applications.await(name, Objects::isNull, wait.timeout);
                if (!awaited.done()) {
                    throw new UserError(applications.key(name) + " still exists after " + ApplicationWait.describe(wait.timeout)
                            + ", waiting for its finalizers " + awaited.object().getMetadata().getFinalizers()
                            + " (is the controller running?)");
                }
                out.println(applications.key(name) + " is gone");
                out.flush();
            }
        }
        return 0;
    }
}
