package dev.capstan.cli;

import picocli.CommandLine;

/** Entry point of the {@code capstan} program. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new CapstanCommand())
                .setExecutionExceptionHandler(new ErrorHandler());
    }
}
