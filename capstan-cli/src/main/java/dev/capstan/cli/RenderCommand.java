package dev.capstan.cli;

import java.util.List;

import dev.capstan.engine.Manifest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a directory of manifests the way the engine reads it, and print the objects.")
final class RenderCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SourceOptions source;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml (default) or json.")
    private String output = "yaml";

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        List<Manifest> manifests = source.render(spec.commandLine().getErr());
        switch (output) {
            case "yaml" -> manifests.forEach(manifest -> {
                out.println("# " + manifest.origin());
                out.println("---");
                out.print(manifest.toYaml());
            });
            case "json" -> out.println("[" + String.join(",\n", manifests.stream().map(Manifest::toJson).toList()) + "]");
            default -> throw new UserError("unknown output format " + output + " (yaml or json)");
        }
        out.flush();
    }
}
