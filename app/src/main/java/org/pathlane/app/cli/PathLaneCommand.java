package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathlane.app.DataDir;
import org.pathlane.app.session.LabConnection;
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

    @Option(names = "--db", paramLabel = "postgresql://HOST/DB|local",
            description = {"For this run, join a lab's PostgreSQL as one of its nodes (credentials from --db-credentials"
                    + " or PATHLANE_DB_USER/PATHLANE_DB_PASSWORD), or 'local' for this workstation's own database;",
                "without it, what Settings say (default: this workstation's own database)."})
    String db;

    @Option(names = "--db-credentials", paramLabel = "FILE",
            description = "With --db: a file with lines user=NAME and password=SECRET.")
    Path dbCredentials;

    @Option(names = "--results", paramLabel = "DIR",
            description = "With --db: the results folder every node reaches at the same path (the lab share).")
    Path results;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = "With --db: jobs this desktop runs at once (default ${DEFAULT-VALUE}).")
    int workers;

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
        LabConnection lab = lab();
        if (!org.pathlane.app.ui.PathLaneApp.displayAvailable()) {
            throw new CliException(1, "no display to show the desktop app on (DISPLAY is not set): run it in a desktop"
                    + " session or under xvfb-run; for the command line see pathlane --help");
        }
        org.pathlane.app.ui.PathLaneApp.run(dataDir(), org.pathlane.jobs.JobHandlers.desktop(),
                slides.stream().map(p -> p.toAbsolutePath().normalize()).toList(), lab);
        return 0;
    }

    /**
     * The lab the command line asks to join: null for what Settings say; a bad address or missing credentials
     * are one line and exit 2, before any window opens.
     */
    LabConnection lab() {
        if (db == null) {
            if (dbCredentials != null || results != null) {
                throw new CliException(2, "--db-credentials and --results go with --db postgresql://HOST/DB");
            }
            return null;
        }
        if (db.equals("local")) {
            return LabConnection.LOCAL;
        }
        if (results == null) {
            throw new CliException(2, "--db " + db + ": give --results DIR, the results folder every node reaches"
                    + " (the lab share)");
        }
        try {
            LabConnection lab = new LabConnection(db, dbCredentials, results, workers);
            lab.database(System.getenv());
            return lab;
        } catch (IllegalArgumentException e) {
            throw new CliException(2, e.getMessage());
        }
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
