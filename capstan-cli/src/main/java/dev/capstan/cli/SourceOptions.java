package dev.capstan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.RenderResult;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A local directory of manifests and how to read it, as an Application's directory source says. */
final class SourceOptions {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of YAML/JSON manifests.")
    Path directory;

    @Option(names = "--recurse", description = "Read subdirectories too.")
    boolean recurse;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only files matching this glob, e.g. '*.yaml' or '{a.yaml,b.yaml}'.")
    String include = "";

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files matching this glob.")
    String exclude = "";

    /** The rendered manifests; warnings go to {@code err}. */
    List<Manifest> render(java.io.PrintWriter err) {
        if (!Files.isDirectory(directory)) {
            throw new UserError(directory + " is not a directory");
        }
        var options = DirectoryOptions.defaults().withRecurse(recurse).withInclude(include).withExclude(exclude);
        RenderResult result = new DirectoryRenderer().render(new DirectorySourceTree(directory.toAbsolutePath()), ".", options);
        result.warnings().forEach(warning -> err.println("warning: " + warning));
        err.flush();
        return result.manifests();
    }
}
