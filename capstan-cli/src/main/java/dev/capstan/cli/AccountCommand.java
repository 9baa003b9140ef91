package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Local accounts of Capstan's API, through the API (log in first, or give --server and --auth-token).",
        subcommands = {AccountGenerateTokenCommand.class})
final class AccountCommand {
}
