package org.pathlane.app;

import org.pathlane.app.cli.PathLaneCommand;

/** Entry point of {@code ./pathlane}: the command line, or the desktop app when no subcommand is given. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(PathLaneCommand.execute(args));
    }
}
