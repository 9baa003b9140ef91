package dev.capstan.cli;

import java.util.Optional;

import dev.capstan.auth.AuthObjects;
import dev.capstan.auth.InitialAdminPassword;

import picocli.CommandLine.Command;

@Command(name = "initial-password", mixinStandardHelpOptions = true,
        description = {"Print the password the controller gave the admin account at its first start, once: it is read from "
                + "the Secret " + AuthObjects.INITIAL_ADMIN_SECRET + " in Capstan's namespace, which is then deleted.",
                "Log in with it, then change it in the web UI."})
final class AdminInitialPasswordCommand extends CapstanSubcommand {

    static final String GONE = "the initial admin password was already shown, or the admin password was changed";

    @Override
    public Integer call() {
        Optional<String> password;
        try (var client = capstan.connect()) {
            password = InitialAdminPassword.takeOnce(client, capstan.namespace());
        }
        if (password.isEmpty()) {
            throw new UserError(GONE);
        }
        out().println(password.get());
        out().flush();
        return 0;
    }
}
