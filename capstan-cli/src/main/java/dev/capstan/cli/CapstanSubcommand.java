package dev.capstan.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command on Capstan's own resources: it knows its cluster and app namespace, and where to print. */
abstract class CapstanSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CapstanOptions capstan;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A usage error (exit code 2, with the usage), for combinations of options picocli cannot check. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
