package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathlane.scheduler.bench.DurabilitySoak;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pathlane bench durability}: kills an engine under load with SIGKILL again and again and checks after
 * each kill that every confirmed submission and every announced job end is still in the database.
 */
@Command(name = "durability", mixinStandardHelpOptions = true,
        description = {"Kills a PathLane engine under load with kill -9, again and again, on a database that already "
                + "holds finished history; after each kill it checks that every workflow whose submit returned is "
                + "still there and that no job announced SUCCEEDED would run again.",
            "Exits 1 if anything confirmed was lost."})
public final class BenchDurabilityCommand implements Callable<Integer> {

    @Option(names = "--kills", paramLabel = "N", defaultValue = "100", description = "Kills (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--history-jobs", paramLabel = "N", defaultValue = "49000",
            description = "Finished jobs put in the database first (default ${DEFAULT-VALUE}; 0 for a fresh database).")
    int historyJobs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the kill times (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Folder for the soak's database (default: a new temporary folder, removed afterwards).")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (kills < 1 || historyJobs < 0) {
            throw new CliException(2, "--kills must be at least 1 and --history-jobs at least 0");
        }
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("pathlane-durability") : workDir;
        if (!temporary && Files.exists(dir.resolve("pathlane.mv.db"))) {
            throw new CliException(2, "--work-dir " + dir + " already holds a PathLane database; name an empty folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "durability: %d kill -9 of an engine under load (20 users submitting 3 workflows of "
                + "10 lanes x 20 jobs of 0-2 ms each from 8 threads), killed 0.8-4 s after it opened; H2 file database "
                + "in %s with %d finished jobs first%n", kills, dir, historyJobs);
        out.flush();
        try {
            long start = System.nanoTime();
            DurabilitySoak.Result result = DurabilitySoak.run(dir, kills, historyJobs, seed, line -> {
                out.println("  " + line);
                out.flush();
            });
            result.examples().forEach(e -> out.println("  lost: " + e));
            out.printf(Locale.ROOT, "%d kills in %.0f s: %d workflows acked, %d job ends announced; database file %.1f MB%n",
                    result.kills(), (System.nanoTime() - start) / 1e9, result.ackedWorkflows(), result.announcedJobs(),
                    result.fileBytes() / 1e6);
            out.printf(Locale.ROOT, "acked lost: %d, announced re-run: %d%n", result.ackedLost(), result.announcedRerun());
            out.flush();
            return result.ackedLost() == 0 && result.announcedRerun() == 0 ? 0 : 1;
        } finally {
            if (temporary) {
                org.pathlane.scheduler.bench.SchedulerBenchmark.deleteTree(dir);
            }
        }
    }
}
