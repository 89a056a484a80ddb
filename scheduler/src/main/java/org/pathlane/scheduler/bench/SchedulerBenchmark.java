package org.pathlane.scheduler.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pathlane.scheduler.api.JobContext;
import org.pathlane.scheduler.api.JobHandler;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.Scheduler;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.model.UserProfile;
import org.pathlane.scheduler.sim.Scenario;
import org.pathlane.scheduler.sim.ScenarioRunner;

/**
 * {@code pathlane bench scheduler}: the engine's throughput on zero-duration jobs and its makespan against
 * the ideal that the rules allow, both through the real engine with an H2 file database (thrown away after).
 */
public final class SchedulerBenchmark {

    /** Throughput figures: {@code jobs} jobs of {@code users} users in {@code branches} branches. */
    public record Throughput(int jobs, int users, int branches, int workflows, double seconds, Limits limits) {
        public double jobsPerSecond() {
            return jobs / seconds;
        }
    }

    /** Makespan figures of the sleeping-jobs scenario. */
    public record Makespan(int jobs, int users, long measuredMs, long idealMs, Limits limits) {
        public double ratio() {
            return (double) measuredMs / idealMs;
        }
    }

    /** Rule 10 figures: from one job's end to the start of the next job of its lane, over {@code hops} hops. */
    public record Latency(int hops, double p50Ms, double p99Ms, double maxMs) {
    }

    /** Sleeping jobs last MIN to MAX ms: long enough that timer and scheduling jitter of a busy machine stay small. */
    public static final int MIN_SLEEP_MS = 100;
    public static final int MAX_SLEEP_MS = 300;

    private SchedulerBenchmark() {
    }

    /**
     * One lane of {@code jobs} zero-duration jobs: each job becomes ready only when the previous one ends, so the
     * time between consecutive handler starts is the engine's reaction time (outcome committed, next job
     * dispatched, committed and handed to a worker).
     */
    public static Latency dispatchLatency(int jobs) throws InterruptedException {
        Path dir = tempDir("pathlane-bench-latency");
        Map<String, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();
        JobHandler stamp = new JobHandler() {
            @Override
            public String type() {
                return "bench-stamp";
            }

            @Override
            public void run(JobContext context) {
                startedAt.put(context.jobId(), System.nanoTime());
            }
        };
        CountDownLatch done = new CountDownLatch(1);
        try (Scheduler scheduler = Scheduler.start(SchedulerConfig.dataDir(dir).withHandler(stamp)
                .withListener(finishedCounter(done)))) {
            scheduler.profiles().create(null, new UserProfile("latency", null, false, null, null));
            List<JobSpec> lane = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                lane.add(new JobSpec("j" + j, "lane", "bench-stamp", Map.of(), List.of()));
            }
            scheduler.submit("latency", new WorkflowSpec("latency", lane));
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the latency benchmark did not finish within 5 minutes");
            }
        } finally {
            deleteTree(dir);
        }
        double[] hops = new double[jobs - 1];
        for (int j = 1; j < jobs; j++) {
            hops[j - 1] = (startedAt.get("j" + j) - startedAt.get("j" + (j - 1))) / 1e6;
        }
        java.util.Arrays.sort(hops);
        return new Latency(hops.length, hops[hops.length / 2], hops[(int) Math.ceil(hops.length * 0.99) - 1],
                hops[hops.length - 1]);
    }

    /**
     * Submits {@code users} users x {@code workflowsPerUser} workflows, each with {@code branchesPerUser} branches of
     * {@code jobsPerBranch} zero-duration jobs, all at once, and times until every workflow finished.
     */
    public static Throughput throughput(int users, int workflowsPerUser, int branchesPerUser, int jobsPerBranch,
            Limits limits) throws InterruptedException {
        Path dir = tempDir("pathlane-bench-throughput");
        try {
            return throughput(SchedulerConfig.dataDir(dir).withLimits(limits), users, workflowsPerUser, branchesPerUser,
                    jobsPerBranch);
        } finally {
            deleteTree(dir);
        }
    }

    static Throughput throughput(SchedulerConfig config, int users, int workflowsPerUser, int branchesPerUser,
            int jobsPerBranch) throws InterruptedException {
        Limits limits = config.limits();
        CountDownLatch done = new CountDownLatch(users * workflowsPerUser);
        try (Scheduler scheduler = Scheduler.start(config.withListener(finishedCounter(done)))) {
            List<String> names = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                names.add("user" + u);
                scheduler.profiles().create(null, new UserProfile("user" + u, null, false, null, null));
            }
            List<WorkflowSpec> specs = new ArrayList<>();
            for (int w = 0; w < workflowsPerUser; w++) {
                List<JobSpec> jobs = new ArrayList<>();
                for (int j = 0; j < jobsPerBranch; j++) {
                    for (int b = 0; b < branchesPerUser; b++) {
                        jobs.add(new JobSpec("b" + b + "-" + j, "branch" + b, SleepJob.TYPE, Map.of("durationMs", 0), List.of()));
                    }
                }
                specs.add(new WorkflowSpec("bench" + w, jobs));
            }
            int workflows = users * workflowsPerUser;
            long start = System.nanoTime();
            for (WorkflowSpec spec : specs) {
                for (String user : names) {
                    scheduler.submit(user, spec);
                }
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the throughput benchmark did not finish within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Throughput(workflows * branchesPerUser * jobsPerBranch, users, users * branchesPerUser,
                    workflows, seconds, limits);
        }
    }

    private static SchedulerListener finishedCounter(CountDownLatch done) {
        return new SchedulerListener() {
            @Override
            public void onEvent(SchedulerEvent event) {
                if (event.type() == EventType.WORKFLOW_FINISHED) {
                    done.countDown();
                }
            }
        };
    }

    /**
     * A seeded scenario of sleeping jobs (several users, branches, dependencies, late submissions) run in real
     * time, against the ideal makespan from {@link ReferenceSimulation}.
     */
    public static Makespan makespan(long seed, int users, int jobsPerUser, Limits limits) throws InterruptedException {
        Scenario scenario = sleepingScenario(seed, users, jobsPerUser, limits);
        long ideal = ReferenceSimulation.idealMakespanMs(scenario);
        Path dir = tempDir("pathlane-bench-makespan");
        try {
            ScenarioRunner.Result result = ScenarioRunner.run(scenario, SchedulerConfig.dataDir(dir), new StringWriter());
            return new Makespan((int) scenario.jobCount(), users, result.makespan().toMillis(), ideal, limits);
        } finally {
            deleteTree(dir);
        }
    }

    static Scenario sleepingScenario(long seed, int users, int jobsPerUser, Limits limits) {
        Random random = new Random(seed);
        List<Scenario.Submission> workflows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int w = 0; w < 2; w++) {
                List<JobSpec> jobs = new ArrayList<>();
                for (int j = 0; j < jobsPerUser / 2; j++) {
                    List<String> deps = new ArrayList<>();
                    if (j > 0 && random.nextInt(3) == 0) {
                        deps.add(jobs.get(random.nextInt(j)).id());
                    }
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("durationMs", MIN_SLEEP_MS + random.nextInt(MAX_SLEEP_MS - MIN_SLEEP_MS));
                    jobs.add(new JobSpec("u" + u + "w" + w + "j" + j, "lane" + random.nextInt(3), SleepJob.TYPE, params, deps));
                }
                workflows.add(new Scenario.Submission("u" + u + "w" + w, "user" + u, random.nextInt(1000),
                        new WorkflowSpec("u" + u + "w" + w, jobs)));
            }
        }
        workflows.sort(Comparator.comparingLong(Scenario.Submission::submitAtMs));
        return new Scenario(limits, workflows, List.of());
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the benchmark's database", e);
        }
    }

    /** Deletes a throw-away folder and everything in it. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + dir, e);
        }
    }
}
