package dev.capstan.cli;

import java.util.List;
import java.util.stream.Collectors;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.OperationRequests;
import dev.capstan.api.v1alpha1.RevisionHistory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Sync an Application back to an entry of its history (app history): that entry's revision "
                + "and source. Without an ID, the entry before the latest.",
                "Refused when the Application syncs automatically, since automated sync would undo the rollback."})
final class AppRollbackCommand extends ApplicationSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "History ID to roll back to (default: the previous one).")
    private Long id;

    @Option(names = "--prune", description = "Delete resources that the entry's revision does not have.")
    private boolean prune;

    @Option(names = "--async", description = "Return once the rollback is requested; do not wait for it.")
    private boolean async;

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
                Application application = client.application(name);
                RevisionHistory entry = entry(application, "application " + name);
                var before = application.getStatus() == null ? null : application.getStatus().getOperationState();
                client.rollback(name, entry.getId(), prune);
                out.println("rollback of application " + name + " to history " + entry.getId() + " requested through " + client.server());
                out.flush();
                return async ? 0 : OperationRequest.awaitAndPrint(client, name, before, wait.timeout, out);
            }
        }
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            long[] target = new long[1];
            var before = OperationRequest.request(applications, name, application -> {
                RevisionHistory entry = entry(application, applications.key(name).toString());
                target[0] = entry.getId();
                return OperationRequests.rollbackTo(entry, prune, false);
            });
            out.println("rollback of " + applications.key(name) + " to history " + target[0] + " requested");
            out.flush();
            return async ? 0 : OperationRequest.awaitAndPrint(applications, name, before, wait.timeout, out);
        }
    }

    /** The history entry to roll back to, or a refusal saying why there is none. */
    private RevisionHistory entry(Application application, String described) {
        if (OperationRequests.syncsAutomatically(application)) {
            throw new UserError("rollback of " + described + " refused: it syncs automatically, which would undo the rollback; "
                    + "disable automated sync first: capstan app set " + name + " --sync-policy manual");
        }
        List<RevisionHistory> history = OperationRequests.history(application);
        if (id == null && history.size() < 2) {
            throw new UserError(described + " has " + (history.isEmpty() ? "no history" : "only one entry in its history")
                    + ": nothing earlier to roll back to");
        }
        return OperationRequests.rollbackEntry(application, id)
                .orElseThrow(() -> new UserError(described + " has no history entry " + id + (history.isEmpty() ? ""
                        : " (it has " + history.stream().map(entry -> String.valueOf(entry.getId())).collect(Collectors.joining(", ")) + ")")));
    }
}
