package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathlane.scheduler.bench.DatabaseBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pathlane bench database}: file size per finished job and the time to open a database with history. */
@Command(name = "database", mixinStandardHelpOptions = true,
        description = "Puts finished jobs into a new H2 file database through the engine, then prints the file's size "
                + "per job while running and on disk after close, and how long PathLane takes to open it.")
public final class BenchDatabaseCommand implements Callable<Integer> {

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "100000", description = "Finished jobs (default ${DEFAULT-VALUE}).")
    int jobs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 200) {
            throw new CliException(2, "--jobs must be at least 200 (one workflow of 10 lanes x 20 jobs)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("pathlane-dbbench");
        try {
            out.printf(Locale.ROOT, "database: %d finished jobs (workflows of 10 lanes x 20 jobs, 20 users) put in "
                    + "through the engine, H2 file database%n", jobs);
            out.flush();
            DatabaseBenchmark.Result r = DatabaseBenchmark.run(dir, jobs);
            out.printf(Locale.ROOT, "  filled in %.1f s; file while running %.1f MB (%.0f bytes/job), on disk after "
                    + "close %.1f MB (%.0f bytes/job)%n", r.fillMillis() / 1e3, r.bytesWhileRunning() / 1e6,
                    (double) r.bytesWhileRunning() / r.jobs(), r.bytesOnDisk() / 1e6, r.bytesPerJob());
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            out.printf(Locale.ROOT, "  open (new JVM, Scheduler.start until it schedules): first %d ms (%d ms CPU), second %d ms "
                    + "(%d ms CPU)%s; load average %.1f (other processes lengthen the wall times)%n", r.first().wallMillis(),
                    r.first().cpuMillis(), r.second().wallMillis(), r.second().cpuMillis(),
                    DatabaseBenchmark.cdsPossible() ? " with the class-data-sharing archive the first wrote, as ./pathlane "
                            + "starts" : "", os.getSystemLoadAverage());
            out.flush();
            return 0;
        } finally {
            org.pathlane.scheduler.bench.SchedulerBenchmark.deleteTree(dir);
        }
    }
}
