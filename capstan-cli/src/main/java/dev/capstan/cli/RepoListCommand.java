package dev.capstan.cli;

import dev.capstan.controller.RepositorySecretEntries;
import dev.capstan.git.RepositorySecrets;

import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the registered repositories: URL, type, user and Secret; never a password or key.")
final class RepoListCommand extends CapstanSubcommand {

    @Override
    public Integer call() {
        var table = new Table("URL", "TYPE", "USER", "NAME");
        try (var client = capstan.connect()) {
            for (var secret : new Repositories(client, capstan.namespace()).repositories()) {
                var entry = RepositorySecretEntries.of(secret);
                String user = entry.data().containsKey(RepositorySecrets.SSH_PRIVATE_KEY) ? "(ssh key)"
                        : entry.data().getOrDefault(RepositorySecrets.USERNAME, "");
                table.row(entry.url(), entry.data().getOrDefault(RepositorySecrets.TYPE, Repositories.GIT), user, entry.name());
            }
        }
        table.print(out());
        return 0;
    }
}
