package dev.capstan.cli;

import picocli.CommandLine;

/** Entry point of the {@code capstan} program. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Capstan's commands, for running them in process (the benchmark does). */
    public static CommandLine commandLine() {
        return new CommandLine(new CapstanCommand())
                .setExecutionExceptionHandler(new ErrorHandler());
    }
}
