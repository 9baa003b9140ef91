package dev.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "capstan",
        description = "GitOps continuous delivery for Kubernetes.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        subcommands = {VersionCommand.class, DemoCommand.class, ControllerCommand.class, ServerCommand.class, LoginCommand.class, LogoutCommand.class, AppCommand.class, RepoCommand.class,
                ProjCommand.class, InstallCommand.class, RenderCommand.class, DiffCommand.class, ApplyCommand.class,
                HealthCommand.class, ClusterCommand.class, AdminCommand.class, AccountCommand.class})
final class CapstanCommand {
}
