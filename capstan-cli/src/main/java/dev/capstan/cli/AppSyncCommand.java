package dev.capstan.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.capstan.api.v1alpha1.Operation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Ask the controller to sync an Application (writes its operation field), then wait for the "
                + "sync to finish and print its result, unless --async.",
                "Refused while another operation is requested or running. Exit codes: 0 succeeded, 1 failed, refused or timed out."})
final class AppSyncCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Application.")
    private String name;

    @Option(names = "--revision", paramLabel = "REVISION", description = "Sync to this revision instead of the target revision.")
    private String revision;

    @Option(names = "--prune", description = "Delete resources that are no longer in Git.")
    private boolean prune;

    @Option(names = "--dry-run", description = "Go through the sync with server-side dry runs; change nothing.")
    private boolean dryRun;

    @Option(names = "--resource", paramLabel = ResourceArgument.FORMAT, converter = ResourceArgument.Converter.class,
            description = "Sync only this resource (repeatable).")
    private List<ResourceArgument> resources = new ArrayList<>();

    @Option(names = "--sync-option", paramLabel = "KEY=VALUE",
            description = "A sync option for this sync only, e.g. Replace=true (repeatable).")
    private List<String> syncOptions = new ArrayList<>();

    @Option(names = "--async", description = "Return once the sync is requested; do not wait for it.")
    private boolean async;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long to wait for the sync, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() {
        var sync = new Operation.SyncOperation();
        sync.setRevision(revision);
        sync.setPrune(prune ? true : null);
        sync.setDryRun(dryRun ? true : null);
        if (!resources.isEmpty()) {
            sync.setResources(resources.stream().map(AppSyncCommand::resource).toList());
        }
        if (!syncOptions.isEmpty()) {
            sync.setSyncOptions(syncOptions.stream().map(option -> ApplicationFields.checkedSyncOption(spec, option)).toList());
        }
        var out = spec.commandLine().getOut();
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            var before = OperationRequest.request(applications, name, application -> sync);
            out.println("sync of " + applications.key(name) + " requested" + (revision == null ? "" : " at revision " + revision));
            out.flush();
            return async ? 0 : OperationRequest.awaitAndPrint(applications, name, before, timeout, out);
        }
    }

    private static Operation.SyncOperationResource resource(ResourceArgument argument) {
        var resource = new Operation.SyncOperationResource();
        resource.setGroup(argument.group().isEmpty() ? null : argument.group());
        resource.setKind(argument.kind());
        resource.setNamespace(argument.namespace().isEmpty() ? null : argument.namespace());
        resource.setName(argument.name());
        return resource;
    }
}
