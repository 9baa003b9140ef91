package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer the accounts of Capstan's web UI and API.",
        subcommands = {AdminInitialPasswordCommand.class})
final class AdminCommand {
}
