package dev.capstan.cli;

import java.nio.file.Path;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.controller.ApplicationDiff;
import dev.capstan.localcluster.CapstanHome;

import picocli.CommandLine.Command;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what syncing an Application would change now: its target revision resolved and rendered here, "
                + "each object compared with the cluster by a server-side dry run, as the controller compares it.",
                "Exit codes: 0 no differences, 1 differences, 2 error."})
final class AppDiffCommand extends ApplicationSubcommand {

    @Override
    public Integer call() {
        try (var client = capstan.connect()) {
            Application application = capstan.applications(client).get(name);
            Path cache = CapstanHome.fromEnvironment().root().resolve("cache").resolve("git");
            ApplicationDiff.Result result = ApplicationDiff.of(client, application, cache);
            out().println("Comparing " + name + " at " + result.revision().substring(0, 7) + " with the cluster");
            return DiffCommand.print(out(), result.resources());
        }
    }
}
