package org.pathlane.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import java.time.Duration;
import org.pathlane.scheduler.bench.ClusterBenchmark;
import org.pathlane.scheduler.bench.SchedulerBenchmark;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.model.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pathlane bench scheduler}: jobs per second on zero-duration jobs, and measured / ideal makespan on
 * sleeping jobs, both through the real engine with an H2 file database, measured in this run. With {@code --db URL}
 * the lab-wide mode instead: throughput and takeover time of {@code --nodes} engines in separate JVMs on that
 * PostgreSQL, and the same two figures for db-scheduler on the same database, as ratios.
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

    @Option(names = "--db", paramLabel = "URL",
            description = "Measure the lab-wide mode instead: --nodes engines in separate JVMs on this PostgreSQL "
                    + "(postgresql://host[:port]/database), and db-scheduler on the same database, in schemas of their "
                    + "own that are dropped afterwards.")
    String db;

    @Option(names = "--db-credentials", paramLabel = "FILE",
            description = "File with the lines user=NAME and password=SECRET (default: PATHLANE_DB_USER and "
                    + "PATHLANE_DB_PASSWORD from the environment).")
    Path credentials;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "With --db: nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "3",
            description = "With --db: lease and heartbeat expiry of both schedulers (default ${DEFAULT-VALUE}).")
    int leaseSeconds;

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
        if (db != null) {
            return lab(out, limits);
        }
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

    /** Throughput and takeover of the lab-wide mode and of db-scheduler, on the same PostgreSQL in this run. */
    private int lab(PrintWriter out, Limits limits) throws Exception {
        if (nodes < 2 || nodes > 16) {
            throw new CliException(2, "--nodes must be 2 to 16 (node 2 is the one killed for the takeover time)");
        }
        if (leaseSeconds < 1 || leaseSeconds > 600) {
            throw new CliException(2, "--lease must be 1 to 600 seconds");
        }
        try {
            Class.forName("com.github.kagkarlsson.scheduler.Scheduler", false, BenchSchedulerCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CliException(2, "bench scheduler --db compares with db-scheduler, which the installers leave out"
                    + " (a benchmark-only library): run it from a source checkout with ./pathlane bench scheduler --db ...");
        }
        LabDatabase lab;
        try {
            lab = LabDatabase.parse(db, credentials, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CliException(2, e.getMessage());
        }
        Duration lease = Duration.ofSeconds(leaseSeconds);
        int jobs = users * branchesPerUser * jobsPerBranch;
        out.printf(Locale.ROOT, "lab-wide throughput on %s: %d nodes in separate JVMs, %d workers each (PathLane: woken "
                + "by PostgreSQL notifications; db-scheduler: %d threads each, polling every 20 ms)%n", lab.address(), nodes,
                limits.maxWorkers(), limits.maxWorkers());
        out.flush();
        var pathlane = ClusterBenchmark.throughput(lab, nodes, users, branchesPerUser, jobsPerBranch, limits, lease);
        out.printf(Locale.ROOT, "  PathLane: %d zero-duration jobs of %d users in %d branches (maxActiveUsers %d) "
                + "ended in %.3f s: %.0f jobs/s%n", pathlane.jobs(), users, pathlane.branches(), limits.maxActiveUsers(),
                pathlane.seconds(), pathlane.jobsPerSecond());
        out.flush();
        double dbScheduler = DbSchedulerBench.throughput(lab, nodes, limits.maxWorkers(), jobs, lease);
        out.printf(Locale.ROOT, "  db-scheduler: %d one-time tasks (no users, lanes or dependencies): %.0f tasks/s%n",
                jobs, dbScheduler);
        out.printf(Locale.ROOT, "  ratio PathLane / db-scheduler: %.2f%n", pathlane.jobsPerSecond() / dbScheduler);
        out.flush();
        long pathlaneTakeover = ClusterBenchmark.takeover(lab, nodes, lease);
        long dbSchedulerTakeover = DbSchedulerBench.takeover(lab, nodes, limits.maxWorkers(), lease);
        out.printf(Locale.ROOT, "takeover after SIGKILL of a node running a job (lease %d s; db-scheduler: dead after 4 "
                + "missed heartbeats of %d ms): PathLane %d ms, db-scheduler %d ms: ratio %.2f%n", leaseSeconds,
                lease.toMillis() / 4, pathlaneTakeover, dbSchedulerTakeover, (double) pathlaneTakeover / dbSchedulerTakeover);
        out.flush();
        return 0;
    }
}
