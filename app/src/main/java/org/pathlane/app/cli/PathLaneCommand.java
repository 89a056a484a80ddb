package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathlane.app.DataDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pathlane}: with a subcommand, runs it; without one, starts the desktop app. */
@Command(name = "pathlane",
        mixinStandardHelpOptions = true,
        versionProvider = PathLaneCommand.Version.class,
        description = {"Whole-slide-image workflows for pathology labs. Without a command, starts the desktop app;",
            "slide files or folders given instead of a command open in it (as a file manager does)."},
        subcommands = {
            BenchCommand.class,
            InfoCommand.class,
            SimCommand.class,
            SnapshotCommand.class,
            ViewCommand.class,
            SegmentCommand.class,
            ModelCommand.class,
            NodeCommand.class,
        })
public final class PathLaneCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Where PathLane keeps its database and results (default: $PATHLANE_HOME or ~/.pathlane).")
    Path dataDirOption;

    @CommandLine.Parameters(arity = "0..*", paramLabel = "SLIDE", hidden = true,
            description = "Slide files or folders to import into the signed-in profile's library.")
    List<Path> slides = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Path dataDir() {
        return DataDir.resolve(dataDirOption);
    }

    @Override
    public Integer call() {
        for (Path slide : slides) {
            if (!Files.exists(slide)) {
                throw new CliException(2, "no command or file named '" + slide + "' (pathlane --help lists the commands)");
            }
        }
        if (!org.pathlane.app.ui.PathLaneApp.displayAvailable()) {
            throw new CliException(1, "no display to show the desktop app on (DISPLAY is not set): run it in a desktop"
                    + " session or under xvfb-run; for the command line see pathlane --help");
        }
        org.pathlane.app.ui.PathLaneApp.run(dataDir(), org.pathlane.jobs.JobHandlers.desktop(),
                slides.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        return 0;
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PathLaneCommand());
        cli.setExecutionExceptionHandler(PathLaneCommand::reportFailure);
        return cli;
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** A failure that reaches the top is one clear line on stderr, not a stack trace. */
    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println(cli.getCommandSpec().qualifiedName() + ": " + message); // e.g. "pathlane bench segment"
        err.flush();
        return e instanceof CliException ce ? ce.exitCode() : 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PathLaneCommand.class.getPackage().getImplementationVersion();
            if (v == null) {
                v = System.getProperty("jpackage.app-version"); // set by the installed launcher
            }
            return new String[] {"PathLane " + (v == null ? "development build" : v)};
        }
    }
}
