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

    @Mixin
    private ServerMode serverMode;

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
        var api = serverMode.client(capstan.connection);
        if (api.isPresent()) {
            try (var client = api.get()) {
                var before = client.application(name);
                var state = before.getStatus() == null ? null : before.getStatus().getOperationState();
                client.sync(name, body(sync));
                out.println("sync of application " + name + " requested through " + client.server()
                        + (revision == null ? "" : " at revision " + revision));
                out.flush();
                return async ? 0 : OperationRequest.awaitAndPrint(client, name, state, wait.timeout, out);
            }
        }
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            var before = OperationRequest.request(applications, name, application -> sync);
            out.println("sync of " + applications.key(name) + " requested" + (revision == null ? "" : " at revision " + revision));
            out.flush();
            return async ? 0 : OperationRequest.awaitAndPrint(applications, name, before, wait.timeout, out);
        }
    }

    /** The sync as the API's body (docs/api.md). */
    private static java.util.Map<String, Object> body(Operation.SyncOperation sync) {
        var body = new java.util.LinkedHashMap<String, Object>();
        if (sync.getRevision() != null) {
            body.put("revision", sync.getRevision());
        }
        body.put("prune", Boolean.TRUE.equals(sync.getPrune()));
        body.put("dryRun", Boolean.TRUE.equals(sync.getDryRun()));
        if (sync.getResources() != null) {
            body.put("resources", sync.getResources().stream().map(resource -> java.util.Map.of(
                    "group", java.util.Objects.requireNonNullElse(resource.getGroup(), ""), "kind", resource.getKind(),
                    "namespace", java.util.Objects.requireNonNullElse(resource.getNamespace(), ""), "name", resource.getName())).toList());
        }
        if (sync.getSyncOptions() != null) {
            body.put("syncOptions", java.util.Map.of("items", sync.getSyncOptions()));
        }
        return body;
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
