package dev.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "End the session stored by capstan login (the server revokes it) and forget it.")
final class LogoutCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var location = CliConfig.location(System.getenv());
        var config = CliConfig.read(location).orElseThrow(() -> new UserError("not logged in (no " + location + ")"));
        var out = spec.commandLine().getOut();
        String revoked;
        try (var api = new ApiClient(config.server(), config.token())) {
            api.logout();
            revoked = "";
        } catch (UserError e) {
            revoked = " (the server did not revoke it: " + e.getMessage() + ")";
        }
        try {
            Files.deleteIfExists(location);
        } catch (IOException e) {
            throw new UserError("cannot remove " + location + ": " + e.getMessage());
        }
        out.println("logged out of " + config.server() + revoked);
        out.flush();
        return 0;
    }
}
