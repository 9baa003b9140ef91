package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors are found before any cluster is asked, and answer exit code 2 with one clear line. */
class AppUsageErrorsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            app create web --repo https://github.com/shop/deploy                  ; give --repo and --path
            app create --repo https://github.com/shop/deploy --path web           ; give the Application's NAME
            app create web --repo https://a/r --path p --self-heal                 ; need automated sync
            app create web --repo https://a/r --path p --sync-policy sometimes    ; automated or manual
            app create web --repo https://a/r --path p --sync-option Prune        ; expected KEY=VALUE
            app set web                                                           ; nothing to change
            app sync web --resource web                                           ; KIND[.GROUP]/[NAMESPACE/]NAME
            app wait web --timeout soon                                           ; not a duration
            app list -o xml                                                       ; unknown output format
            app get web -o name                                                   ; -o name is not available here
            repo add /srv/git/repo.git                                            ; not a remote repository URL
            repo add https://user:pw@github.com/shop/deploy                       ; the URL holds a password
            repo add https://github.com/shop/deploy --username bot                ; --username needs --password
            repo add git@github.com:shop/deploy.git --password pw                 ; for HTTPS
            proj create shop --dest https://kubernetes.default.svc                ; not SERVER,NAMESPACE
            proj create shop --allow-cluster-resource a/b/c                       ; not GROUP/KIND
            install -o yaml                                                       ; add --dry-run
            """)
    void a_usage_error_exits_2_naming_the_problem(String command, String message) {
        var run = CommandRun.of((command.strip() + " --kubeconfig " + dir.resolve("absent")).split(" +"));

        assertThat(run.exit()).as(run.printed()).isEqualTo(2);
        assertThat(run.err()).as(run.printed()).contains(message);
    }

    @Test
    void a_missing_kubeconfig_is_an_error_naming_it() {
        var run = CommandRun.of("app", "list", "--kubeconfig", dir.resolve("absent").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("capstan: cannot read the kubeconfig " + dir.resolve("absent"));
    }
}
