package dev.capstan.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to Capstan's API (served by capstan controller and capstan demo) and store the session "
                + "in ~/.config/capstan/config.json ($" + CliConfig.PATH_VARIABLE + "), readable by you only.",
                "Afterwards app list, get, history, sync, wait, rollback and delete talk to that server unless --kubeconfig or --context is given."})
final class LoginCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVER", description = "URL of the API, e.g. http://127.0.0.1:8080.")
    private String server;

    @Option(names = "--username", paramLabel = "USER", defaultValue = "admin", description = "Account to log in as (default: ${DEFAULT-VALUE}).")
    private String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input instead of asking for it.")
    private boolean passwordStdin;

    /** Where --password-stdin reads; standard input unless a test says otherwise. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        String password = passwordStdin ? readStdin() : prompt();
        var location = CliConfig.location(System.getenv());
        try (var api = new ApiClient(server, null)) {
            String token = api.login(username, password);
            new CliConfig(api.server(), token).write(location);
            var out = spec.commandLine().getOut();
            out.println("logged in to " + api.server() + " as " + username + " (session stored in " + location + ")");
            out.flush();
        }
        return 0;
    }

    private String readStdin() {
        try {
            String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--password-stdin: standard input was empty");
            }
            return text;
        } catch (IOException e) {
            throw new UserError("cannot read the password from standard input: " + e.getMessage());
        }
    }

    private String prompt() {
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(), "no terminal to ask for the password on: pass --password-stdin");
        }
        char[] typed = console.readPassword("Password for %s: ", username);
        if (typed == null || typed.length == 0) {
            throw new UserError("no password given");
        }
        return new String(typed);
    }
}
