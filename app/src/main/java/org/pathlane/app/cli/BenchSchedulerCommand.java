package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathlane.scheduler.bench.SchedulerBenchmark;
import org.pathlane.scheduler.model.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pathlane bench scheduler}: jobs per second on zero-duration jobs, and measured / ideal makespan on
 * sleeping jobs, both through the real engine with an H2 file database, measured in this run.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Scheduler throughput (zero-duration jobs) and makespan ratio (sleeping jobs) through the real engine with H2.")
public final class BenchSchedulerCommand implements Callable<Integer> {

    @Option(names = "--users", paramLabel = "N", defaultValue = "50", description = "Users of the throughput run (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--branches-per-user", paramLabel = "N", defaultValue = "10", description = "Branches per user (default ${DEFAULT-VALUE}).")
    int branchesPerUser;

    @Option(names = "--jobs-per-branch", paramLabel = "N", defaultValue = "20", description = "Zero-duration jobs per branch (default ${DEFAULT-VALUE}).")
    int jobsPerBranch;

    @Option(names = "--max-workers", paramLabel = "N", defaultValue = "4", description = "maxWorkers of both runs (default ${DEFAULT-VALUE}).")
    int maxWorkers;

    @Option(names = "--max-active-users", paramLabel = "N", defaultValue = "3", description = "maxActiveUsers of both runs (default ${DEFAULT-VALUE}).")
    int maxActiveUsers;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed of the sleeping-jobs scenario (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (users < 1 || branchesPerUser < 1 || jobsPerBranch < 1) {
            throw new CliException(2, "--users, --branches-per-user and --jobs-per-branch must be at least 1");
        }
        Limits limits;
        try {
            limits = new Limits(maxWorkers, maxActiveUsers);
        } catch (IllegalArgumentException e) {
            throw new CliException(2, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        out.printf(Locale.ROOT, "machine: %d cores, load average %.1f at start (other processes slow the figures down)%n",
                os.getAvailableProcessors(), os.getSystemLoadAverage());
        out.printf(Locale.ROOT, "scheduler throughput: %d zero-duration jobs, %d users, %d branches, H2 file database, "
                + "maxWorkers %d, maxActiveUsers %d%n", users * branchesPerUser * jobsPerBranch, users,
                users * branchesPerUser, limits.maxWorkers(), limits.maxActiveUsers());
        out.flush();
        var cold = SchedulerBenchmark.throughput(users, 1, branchesPerUser, jobsPerBranch, limits);
        out.printf(Locale.ROOT, "  run 1 (cold JVM, warm-up): all ended in %.3f s: %.0f jobs/s%n", cold.seconds(), cold.jobsPerSecond());
        out.flush();
        var throughput = SchedulerBenchmark.throughput(users, 1, branchesPerUser, jobsPerBranch, limits);
        out.printf(Locale.ROOT, "  run 2 (warm JVM, fresh database): all ended in %.3f s: %.0f jobs/s%n", throughput.seconds(),
                throughput.jobsPerSecond());
        out.flush();
        var latency = SchedulerBenchmark.dispatchLatency(500);
        out.printf(Locale.ROOT, "scheduler dispatch latency (rule 10): one lane of 500 zero-duration jobs, from a job's end to "
                + "the next job's start, %d hops: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                latency.hops(), latency.p50Ms(), latency.p99Ms(), latency.maxMs());
        out.flush();
        var makespan = SchedulerBenchmark.makespan(seed, 6, 16, limits);
        out.printf(Locale.ROOT, "scheduler makespan: %d sleeping jobs (%d-%d ms) of %d users, seed %d, maxWorkers %d, "
                + "maxActiveUsers %d%n", makespan.jobs(), SchedulerBenchmark.MIN_SLEEP_MS, SchedulerBenchmark.MAX_SLEEP_MS - 1,
                makespan.users(), seed, limits.maxWorkers(), limits.maxActiveUsers());
        out.printf(Locale.ROOT, "  measured %d ms, ideal %d ms (same rules replayed in virtual time): ratio %.3f%n",
                makespan.measuredMs(), makespan.idealMs(), makespan.ratio());
        out.flush();
        return 0;
    }
}
