package dev.capstan.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.fabric8.kubernetes.api.model.Secret;

import dev.capstan.git.GitException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove a registered repository: the Secrets whose URL names it (any spelling of it).")
final class RepoRemoveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CapstanOptions capstan;

    @Parameters(index = "0", paramLabel = "URL", description = "URL of the repository.")
    private String url;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (var client = capstan.connect()) {
            var repositories = new Repositories(client, capstan.namespace());
            List<Secret> secrets;
            try {
                secrets = repositories.repositoriesOf(url);
            } catch (GitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (secrets.isEmpty()) {
                throw new UserError("repository " + url + " is not registered in namespace " + capstan.namespace());
            }
            for (var secret : secrets) {
                repositories.delete(secret.getMetadata().getName());
                out.println("repository " + url + " removed (" + repositories.key(secret.getMetadata().getName()) + ")");
            }
        }
        out.flush();
        return 0;
    }
}
