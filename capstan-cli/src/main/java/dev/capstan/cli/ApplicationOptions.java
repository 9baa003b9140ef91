package dev.capstan.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** An application given on the command line: its directory, its cluster, and its name. */
final class ApplicationOptions {

    @Mixin
    SourceOptions source;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--app", required = true, paramLabel = "NAME", description = "Application name (tracks its objects).")
    String app;

    /** Renders the directory and connects; the caller closes the result. */
    LocalApplication open(PrintWriter err) {
        return new LocalApplication(app, source, cluster, err);
    }
}
