package org.pathlane.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.lab.TestPostgres;
import org.pathlane.scheduler.model.Limits;

/**
 * The lab-wide mode of {@code specs/scheduler.md}, read off the merged trace of three engines in separate JVMs on
 * one PostgreSQL ({@link ClusterSimulation}, what {@code pathlane sim --nodes 3} runs): every rule holds lab-wide
 * with {@code maxWorkers} per node, and when a node is killed with SIGKILL mid-run its jobs run again elsewhere,
 * none twice at once and none lost.
 */
class ClusterSimulationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(3);

    @TempDir
    Path results;

    @Test
    @Timeout(300)
    void everyRuleHoldsLabWideOnThreeNodes() throws Exception {
        for (long seed : new long[] {3, 11}) {
            Scenario scenario = RandomScenarios.generate(seed);
            StringWriter trace = new StringWriter();
            try (TestPostgres pg = TestPostgres.newDatabase()) {
                ClusterSimulation.run(scenario, pg.lab("sim"), 3, List.of(), LEASE, results, trace);
            }
            List<String> lines = trace.toString().lines().toList();
            assertThat(new TraceChecker(scenario, 3, Set.of()).check(lines))
                    .as("seed %d, trace:%n%s", seed, String.join("\n", lines)).isEmpty();
        }
    }

    /**
     * The cluster test: 3,000 jobs of 30 users in 300 branches on three nodes, node 2 killed with SIGKILL
     * mid-run and started again. Every rule holds lab-wide, no job runs twice at once, every job ends exactly once,
     * and the dead node's jobs are running again within the lease + 5 s of the kill.
     */
    @Test
    @Timeout(600)
    void aKilledNodesJobsRunAgainElsewhereAndEveryRuleHolds() throws Exception {
        Scenario scenario = lab(3000, 30, 10, 7);
        StringWriter trace = new StringWriter();
        ClusterSimulation.Result result;
        try (TestPostgres pg = TestPostgres.newDatabase()) {
            result = ClusterSimulation.run(scenario, pg.lab("sim"), 3, List.of(new ClusterSimulation.Kill(2, 4000)),
                    LEASE, results, trace);
        }
        List<String> lines = trace.toString().lines().toList();
        assertThat(result.killed()).containsExactly("node-2");
        assertThat(new TraceChecker(scenario, 3, Set.copyOf(result.killed())).check(lines))
                .as("rules over the cluster trace (%d lines)", lines.size()).isEmpty();

        Map<String, String> nodeOf = new HashMap<>();
        Map<String, Integer> ends = new HashMap<>();
        Set<String> nodes = new HashSet<>();
        List<String> again = new ArrayList<>();
        long lastAgainAt = -1;
        for (String text : lines) {
            JsonNode e = JSON.readTree(text);
            String job = e.path("job").asText();
            switch (e.path("event").asText()) {
                case "JOB_STARTED" -> {
                    nodes.add(e.path("node").asText());
                    String before = nodeOf.put(job, e.path("node").asText());
                    if (before != null) {
                        assertThat(before).as("only a killed node's job starts again: %s", text).isEqualTo("node-2");
                        again.add(job);
                        lastAgainAt = e.path("t").asLong();
                    }
                }
                case "JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED" -> ends.merge(job, 1, Integer::sum);
                default -> {
                }
            }
        }
        assertThat(ends).as("every job ends exactly once: none lost").hasSize((int) scenario.jobCount())
                .allSatisfy((job, count) -> assertThat(count).as(job).isEqualTo(1));
        assertThat(nodes).as("every node ran jobs, and node 2 again after its restart")
                .contains("node-1", "node-2", "node-3", "node-2.2");
        assertThat(again).as("node 2 was running jobs when it was killed").isNotEmpty();
        long takeover = lastAgainAt - result.killedAtMs().getFirst();
        System.out.printf("ClusterSimulationTest: %d jobs on 3 nodes in %d ms; %d job(s) of killed node-2 ran again, "
                + "the last %d ms after the kill (lease %d ms)%n", scenario.jobCount(), result.makespan().toMillis(),
                again.size(), takeover, LEASE.toMillis());
        assertThat(takeover).as("the dead node's jobs run again within the lease + 5 s")
                .isLessThanOrEqualTo(LEASE.toMillis() + 5000);
    }

    /**
     * {@code jobs} sleeping jobs (5-30 ms, 2 % failing) of {@code users} users with {@code branchesPerUser} branches
     * each, in workflows of 25 jobs over three of the user's branches with some dependencies, due over 3 s.
     */
    static Scenario lab(int jobs, int users, int branchesPerUser, long seed) {
        Random random = new Random(seed);
        List<Scenario.Submission> workflows = new ArrayList<>();
        int perWorkflow = 25;
        for (int w = 0; w < jobs / perWorkflow; w++) {
            String user = "u" + (w % users);
            List<JobSpec> list = new ArrayList<>();
            List<String> branches = List.of("B" + random.nextInt(branchesPerUser), "B" + random.nextInt(branchesPerUser),
                    "B" + random.nextInt(branchesPerUser));
            for (int j = 0; j < perWorkflow; j++) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("durationMs", 5 + random.nextInt(26));
                params.put("fail", random.nextInt(50) == 0);
                List<String> deps = j > 0 && random.nextInt(6) == 0 ? List.of("w" + w + "j" + random.nextInt(j)) : List.of();
                list.add(new JobSpec("w" + w + "j" + j, branches.get(random.nextInt(3)), SleepJob.TYPE, params, deps));
            }
            workflows.add(new Scenario.Submission("w" + w, user, random.nextInt(3000), new WorkflowSpec("w" + w, list)));
        }
        return new Scenario(new Limits(4, 3), workflows, List.of());
    }
}
