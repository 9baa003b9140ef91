package dev.capstan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the capstan command in process: its exit code and what it printed. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** Everything printed, for assertion messages. */
    String printed() {
        return "exit " + exit + "\nout:\n" + out + "\nerr:\n" + err;
    }
}
