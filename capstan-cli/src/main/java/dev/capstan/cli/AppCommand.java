package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Manage Applications: create and change them, see their state, sync, wait, roll back and delete them.",
        subcommands = {AppCreateCommand.class, AppListCommand.class, AppGetCommand.class, AppSetCommand.class,
                AppSyncCommand.class, AppWaitCommand.class, AppHistoryCommand.class, AppRollbackCommand.class,
                AppDiffCommand.class, AppDeleteCommand.class})
final class AppCommand {
}
