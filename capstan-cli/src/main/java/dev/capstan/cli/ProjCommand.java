package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "proj", mixinStandardHelpOptions = true,
        description = "Manage AppProjects: which repositories, destinations and kinds their Applications may use.",
        subcommands = {ProjCreateCommand.class, ProjListCommand.class, ProjGetCommand.class})
final class ProjCommand {
}
