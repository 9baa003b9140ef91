package dev.capstan.cli;

import java.util.List;

import io.fabric8.kubernetes.api.model.Secret;

import dev.capstan.git.GitException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove a registered repository: the Secrets whose URL names it (any spelling of it).")
final class RepoRemoveCommand extends CapstanSubcommand {

    @Parameters(index = "0", paramLabel = "URL", description = "URL of the repository.")
    private String url;

    @Override
    public Integer call() {
        var out = out();
        try (var client = capstan.connect()) {
            var repositories = new Repositories(client, capstan.namespace());
            List<Secret> secrets;
            try {
                secrets = repositories.repositoriesOf(url);
            } catch (GitException e) {
                throw usage(e.getMessage());
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
