package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "cluster", description = "Manage clusters.", mixinStandardHelpOptions = true,
        subcommands = LocalClusterCommand.class)
final class ClusterCommand {
}
