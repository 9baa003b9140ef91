package dev.capstan.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate-token", mixinStandardHelpOptions = true,
        description = {"Make an API token of an account (one with the apiKey capability) and print it, for CI: "
                + "pass it as --auth-token or $CAPSTAN_AUTH_TOKEN with --server.",
                "The token is shown once; revoke it with DELETE /api/v1/account/NAME/token/ID."})
final class AccountGenerateTokenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--account"}, paramLabel = "NAME", required = true, description = "The account the token acts as.")
    private String account;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "A name for the token, unique within the account, e.g. ci.")
    private String id;

    @Option(names = {"-e", "--expires-in"}, paramLabel = "DURATION", defaultValue = "0",
            description = "How long the token works, e.g. 720h; 0 (the default) never expires.")
    private String expiresIn;

    @Mixin
    private ServerMode serverMode;

    @Override
    public Integer call() {
        Duration lifetime = expiresIn.equals("0") ? Duration.ZERO : ControllerCommand.DurationOption.parse("--expires-in", expiresIn);
        var api = serverMode.client(null).orElseThrow(() -> new UserError(
                "no server: log in first (capstan login SERVER) or give --server URL and --auth-token TOKEN"));
        try (api) {
            String token = api.createToken(account, id, lifetime);
            var out = spec.commandLine().getOut();
            out.println(token);
            out.flush();
        }
        return 0;
    }
}
