package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code pathlane ARGS} in-process and captures what a user would see. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cli = PathLaneCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
