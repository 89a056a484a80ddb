package org.pathlane.scheduler.bench;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.sim.ClusterSimulation;
import org.pathlane.scheduler.sim.Scenario;

/**
 * The lab-wide figures of {@code pathlane bench scheduler --db URL --nodes N}, through {@link ClusterSimulation}
 * (N engines in separate JVMs on the PostgreSQL): jobs per second on zero-duration jobs, and the takeover time,
 * from a node's SIGKILL to the moment its running jobs are running again on the other nodes.
 */
public final class ClusterBenchmark {

    /** Jobs per second through the real engines, from the first submission to the last workflow's end. */
    public record Throughput(int jobs, int users, int branches, int nodes, double seconds, Limits limits) {
        public double jobsPerSecond() {
            return jobs / seconds;
        }
    }

    private ClusterBenchmark() {
    }

    /** {@code users} users with {@code branchesPerUser} lanes of {@code jobsPerBranch} zero-duration jobs each. */
    public static Throughput throughput(LabDatabase lab, int nodes, int users, int branchesPerUser, int jobsPerBranch,
            Limits limits, Duration lease) throws Exception {
        List<Scenario.Submission> workflows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            List<JobSpec> jobs = new ArrayList<>();
            for (int b = 0; b < branchesPerUser; b++) {
                for (int j = 0; j < jobsPerBranch; j++) {
                    jobs.add(new JobSpec("u" + u + "b" + b + "j" + j, "B" + b, SleepJob.TYPE, Map.of("durationMs", 0),
                            List.of()));
                }
            }
            workflows.add(new Scenario.Submission("w" + u, "u" + u, 0, new WorkflowSpec("w" + u, jobs)));
        }
        Scenario scenario = new Scenario(limits, workflows, List.of());
        ClusterSimulation.Result result = run(scenario, lab, nodes, List.of(), lease);
        return new Throughput((int) scenario.jobCount(), users, users * branchesPerUser, nodes,
                result.makespan().toMillis() / 1000.0, limits);
    }

    /**
     * Kills node 2 with SIGKILL while every node runs one long job and has a free worker, and measures until its job
     * is running again elsewhere: the lease (heartbeat expiry) plus the decider's housekeeping and one dispatch.
     *
     * @return milliseconds from the kill to the job's start on another node
     */
    public static long takeover(LabDatabase lab, int nodes, Duration lease) throws Exception {
        List<Scenario.Submission> workflows = new ArrayList<>();
        for (int u = 0; u < nodes; u++) {
            workflows.add(new Scenario.Submission("w" + u, "u" + u, 0, new WorkflowSpec("w" + u, List.of(
                    new JobSpec("long" + u, "A", SleepJob.TYPE, Map.of("durationMs", lease.toMillis() + 8000),
                            List.of())))));
        }
        Scenario scenario = new Scenario(new Limits(2, nodes), workflows, List.of());
        ClusterSimulation.Result result = run(scenario, lab, nodes, List.of(new ClusterSimulation.Kill(2, 1500)), lease);
        return result.takeover().getFirst();
    }

    private static ClusterSimulation.Result run(Scenario scenario, LabDatabase lab, int nodes,
            List<ClusterSimulation.Kill> kills, Duration lease) throws Exception {
        Path dir = Files.createTempDirectory("pathlane-bench-cluster");
        try {
            return ClusterSimulation.run(scenario, lab, nodes, kills, lease, dir, new StringWriter());
        } finally {
            SchedulerBenchmark.deleteTree(dir);
        }
    }
}
