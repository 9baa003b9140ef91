package dev.capstan.cli;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.RevisionHistory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Sync an Application back to an entry of its history (app history): that entry's revision "
                + "and source. Without an ID, the entry before the latest.",
                "Refused when the Application syncs automatically, since automated sync would undo the rollback."})
final class AppRollbackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Application.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "History ID to roll back to (default: the previous one).")
    private Long id;

    @Option(names = "--prune", description = "Delete resources that the entry's revision does not have.")
    private boolean prune;

    @Option(names = "--async", description = "Return once the rollback is requested; do not wait for it.")
    private boolean async;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long to wait for the rollback, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (var client = capstan.connect()) {
            var applications = capstan.applications(client);
            long[] target = new long[1];
            var before = OperationRequest.request(applications, name, application -> {
                RevisionHistory entry = entry(application, applications.key(name).toString());
                target[0] = entry.getId();
                var sync = new Operation.SyncOperation();
                sync.setRevision(entry.getRevision());
                sync.setSource(entry.getSource());
                sync.setRollbackTo(entry.getId());
                sync.setPrune(prune ? true : null);
                return sync;
            });
            out.println("rollback of " + applications.key(name) + " to history " + target[0] + " requested");
            out.flush();
            return async ? 0 : OperationRequest.awaitAndPrint(applications, name, before, timeout, out);
        }
    }

    /** The history entry to roll back to, or a refusal saying why there is none. */
    private RevisionHistory entry(Application application, String described) {
        if (application.getSpec().getSyncPolicy() != null && application.getSpec().getSyncPolicy().getAutomated() != null) {
            throw new UserError("rollback of " + described + " refused: it syncs automatically, which would undo the rollback; "
                    + "disable automated sync first: capstan app set " + name + " --sync-policy manual");
        }
        List<RevisionHistory> history = AppHistoryCommand.history(application);
        if (id == null) {
            if (history.size() < 2) {
                throw new UserError(described + " has " + (history.isEmpty() ? "no history" : "only one entry in its history")
                        + ": nothing earlier to roll back to");
            }
            return history.get(history.size() - 2);
        }
        return history.stream().filter(entry -> Objects.equals(entry.getId(), id)).findFirst()
                .orElseThrow(() -> new UserError(described + " has no history entry " + id + (history.isEmpty() ? ""
                        : " (it has " + history.stream().map(entry -> String.valueOf(entry.getId())).collect(Collectors.joining(", ")) + ")")));
    }
}
