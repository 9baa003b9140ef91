package dev.capstan.cli;

import java.util.List;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.RevisionHistory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List an Application's past syncs, oldest first; app rollback takes their IDs.")
final class AppHistoryCommand extends ApplicationSubcommand {

    @Mixin
    private ServerMode serverMode;

    @Override
    public Integer call() {
        Application application = serverMode.application(capstan, name);
        var table = new Table("ID", "DATE", "REVISION", "INITIATED BY", "SOURCE");
        for (RevisionHistory entry : history(application)) {
            String initiatedBy = OperationStateOutput.initiatedBy(entry.getInitiatedBy()).replaceFirst("^ by ", "");
            String source = entry.getSource() == null ? "" : entry.getSource().getRepoURL()
                    + (entry.getSource().getPath() == null ? "" : " " + entry.getSource().getPath());
            table.row(entry.getId(), entry.getDeployedAt(), entry.getRevision(), initiatedBy, source);
        }
        table.print(out());
        return 0;
    }

    /** The history, by ID. */
    static List<RevisionHistory> history(Application application) {
        return dev.capstan.api.OperationRequests.history(application);
    }
}
