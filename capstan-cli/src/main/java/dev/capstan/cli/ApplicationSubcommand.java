package dev.capstan.cli;

import picocli.CommandLine.Parameters;

/** A command on one Application, named by the first argument. */
abstract class ApplicationSubcommand extends CapstanSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Application.")
    String name;
}
