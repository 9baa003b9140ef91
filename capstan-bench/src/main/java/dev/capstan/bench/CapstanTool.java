package dev.capstan.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.capstan.cli.Main;

/**
 * Capstan's sync of the mix as a directory, exactly as {@code capstan apply DIR --app NAME} does
 * it, run in this JVM (so no JVM start is timed: the controller will not pay one either). Writes
 * are counted from the per-task lines the command prints.
 */
final class CapstanTool implements ResyncableTool {

    private static final Pattern WRITE = Pattern.compile("(?m)^\\s+succeeded (create|apply|replace|prune|hook)\\s");

    private final Path kubeconfig;
    private long writes;

    CapstanTool(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    @Override
    public String name() {
        return "capstan";
    }

    @Override
    public void apply(ObjectMix mix, Path files) {
        sync(mix, files);
    }

    @Override
    public void resync(ObjectMix mix, Path files) {
        sync(mix, files);
    }

    private void sync(ObjectMix mix, Path files) {
        var output = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                .execute("apply", files.toString(), "--app", mix.run(), "--kubeconfig", kubeconfig.toString(),
                        "--namespace", mix.namespace(0));
        if (exit != 0) {
            throw new IllegalStateException("capstan apply failed (exit " + exit + "):\n" + output);
        }
        writes = WRITE.matcher(output.toString()).results().count();
    }

    @Override
    public long writes() {
        return writes;
    }
}
