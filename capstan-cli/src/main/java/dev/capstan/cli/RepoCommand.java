package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "repo", mixinStandardHelpOptions = true,
        description = "Manage the Git repositories Capstan may read, with their credentials (Secrets in Capstan's namespace).",
        subcommands = {RepoAddCommand.class, RepoListCommand.class, RepoRemoveCommand.class})
final class RepoCommand {
}
