package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;

import dev.capstan.api.v1alpha1.Operation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Ask the controller to sync an Application (writes its operation field), then wait for the "
                + "sync to finish and print its result, unless --async.",
                "Refused while another operation is requested or running. Exit codes: 0 succeeded, 1 failed, refused or timed out."})
final class AppSyncCommand extends ApplicationSubcommand {

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

    @Mixin
    private TimeoutOption wait;

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
        var out = out();
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            var before = OperationRequest.request(applications, name, application -> sync);
            out.println("sync of " + applications.key(name) + " requested" + (revision == null ? "" : " at revision " + revision));
            out.flush();
            return async ? 0 : OperationRequest.awaitAndPrint(applications, name, before, wait.timeout, out);
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
