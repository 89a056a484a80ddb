package org.pathlane.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker that proves the engine must itself catch broken traces, or its 200 green runs prove nothing. */
class TraceCheckerTest {

    private static final Scenario SCENARIO = new ScenarioParser().parse("""
            {"config": {"maxActiveUsers": 1, "maxWorkers": 1},
             "workflows": [
               {"id": "w1", "user": "alice", "jobs": [
                 {"id": "a1", "branch": "A", "durationMs": 0}, {"id": "a2", "branch": "A", "durationMs": 0}]},
               {"id": "w2", "user": "bob", "jobs": [{"id": "b1", "branch": "A", "durationMs": 0}]}]}
            """, "checker.json");

    private static final String SUBMIT_W1 = "{\"t\":0,\"event\":\"WORKFLOW_SUBMITTED\",\"user\":\"alice\",\"workflow\":\"w1\"}";
    private static final String ACTIVATE_ALICE = "{\"t\":0,\"event\":\"USER_ACTIVATED\",\"user\":\"alice\"}";
    private static final String ADMIT_W1 = "{\"t\":0,\"event\":\"WORKFLOW_ADMITTED\",\"user\":\"alice\",\"workflow\":\"w1\"}";
    private static final String SUBMIT_W2 = "{\"t\":1,\"event\":\"WORKFLOW_SUBMITTED\",\"user\":\"bob\",\"workflow\":\"w2\"}";

    private static String job(String event, String job, String workflow, String user, int t) {
        return "{\"t\":" + t + ",\"event\":\"" + event + "\",\"user\":\"" + user + "\",\"workflow\":\"" + workflow
                + "\",\"job\":\"" + job + "\",\"branch\":\"A\"}";
    }

    private static final List<String> VALID = List.of(SUBMIT_W1, ACTIVATE_ALICE, ADMIT_W1,
            job("JOB_STARTED", "a1", "w1", "alice", 0), SUBMIT_W2,
            job("JOB_SUCCEEDED", "a1", "w1", "alice", 2), job("JOB_STARTED", "a2", "w1", "alice", 2),
            job("JOB_SUCCEEDED", "a2", "w1", "alice", 3),
            "{\"t\":3,\"event\":\"WORKFLOW_FINISHED\",\"user\":\"alice\",\"workflow\":\"w1\",\"state\":\"SUCCEEDED\"}",
            "{\"t\":3,\"event\":\"USER_RELEASED\",\"user\":\"alice\"}",
            "{\"t\":3,\"event\":\"USER_ACTIVATED\",\"user\":\"bob\"}",
            "{\"t\":3,\"event\":\"WORKFLOW_ADMITTED\",\"user\":\"bob\",\"workflow\":\"w2\"}",
            job("JOB_STARTED", "b1", "w2", "bob", 3), job("JOB_SUCCEEDED", "b1", "w2", "bob", 4),
            "{\"t\":4,\"event\":\"WORKFLOW_FINISHED\",\"user\":\"bob\",\"workflow\":\"w2\",\"state\":\"SUCCEEDED\"}",
            "{\"t\":4,\"event\":\"USER_RELEASED\",\"user\":\"bob\"}");

    @Test
    void aCorrectTracePasses() {
        assertThat(new TraceChecker(SCENARIO).check(VALID)).isEmpty();
    }

    @Test
    void branchSerialAndWorkerCapViolationsAreCaught() {
        List<String> trace = List.of(SUBMIT_W1, ACTIVATE_ALICE, ADMIT_W1, job("JOB_STARTED", "a1", "w1", "alice", 0),
                job("JOB_STARTED", "a2", "w1", "alice", 0));
        assertThat(String.join("\n", new TraceChecker(SCENARIO).check(trace)))
                .contains("rules 2/3/6/7").contains("rule 1").contains("never finished");
    }

    @Test
    void aSecondActiveUserBeyondTheLimitIsCaught() {
        List<String> trace = List.of(SUBMIT_W1, ACTIVATE_ALICE, ADMIT_W1, SUBMIT_W2,
                "{\"t\":1,\"event\":\"USER_ACTIVATED\",\"user\":\"bob\"}");
        assertThat(String.join("\n", new TraceChecker(SCENARIO).check(trace))).contains("rule 2: more than 1 active users");
    }

    @Test
    void anIdleWorkerBesideAReadyJobIsCaught() {
        List<String> trace = List.of(SUBMIT_W1, ACTIVATE_ALICE, ADMIT_W1, SUBMIT_W2);
        assertThat(String.join("\n", new TraceChecker(SCENARIO).check(trace))).contains("rule 10: job a1 is ready");
    }

    @Test
    void decreasingTimeAndDuplicateOutcomesAreCaught() {
        List<String> trace = new java.util.ArrayList<>(VALID);
        trace.add(5, job("JOB_SUCCEEDED", "a1", "w1", "alice", 0));
        assertThat(String.join("\n", new TraceChecker(SCENARIO).check(trace)))
                .contains("t missing or decreasing").contains("job ended without running");
    }

    @Test
    void aWorkflowSubmittedBeforeOneDueEarlierIsCaught() {
        // Both are due at 0: w1 is listed first, so it must be submitted first.
        List<String> trace = List.of(SUBMIT_W2, "{\"t\":1,\"event\":\"USER_ACTIVATED\",\"user\":\"bob\"}");
        assertThat(String.join("\n", new TraceChecker(SCENARIO).check(trace)))
                .contains("sim: workflow w2 submitted before w1");
    }

    // Cluster traces: two users each with two lanes, one worker per node, two user slots.
    private static final Scenario LAB = new ScenarioParser().parse("""
            {"config": {"maxActiveUsers": 2, "maxWorkers": 1},
             "workflows": [
               {"id": "w1", "user": "alice", "jobs": [
                 {"id": "a1", "branch": "A", "durationMs": 0}, {"id": "a2", "branch": "B", "durationMs": 0}]}]}
            """, "lab.json");

    private static String on(String event, String job, String branch, String node, int t) {
        return "{\"t\":" + t + ",\"event\":\"" + event + "\",\"user\":\"alice\",\"workflow\":\"w1\",\"job\":\""
                + job + "\",\"branch\":\"" + branch + "\"" + (node == null ? "" : ",\"node\":\"" + node + "\"") + "}";
    }

    private static final List<String> LAB_START = List.of(SUBMIT_W1, ACTIVATE_ALICE, ADMIT_W1);
    private static final List<String> LAB_END = List.of(
            "{\"t\":9,\"event\":\"WORKFLOW_FINISHED\",\"user\":\"alice\",\"workflow\":\"w1\",\"state\":\"SUCCEEDED\"}",
            "{\"t\":9,\"event\":\"USER_RELEASED\",\"user\":\"alice\"}");

    private static List<String> lab(String... middle) {
        List<String> trace = new java.util.ArrayList<>(LAB_START);
        trace.addAll(List.of(middle));
        trace.addAll(LAB_END);
        return trace;
    }

    @Test
    void aClusterTraceWithOneWorkerOnEachOfTwoNodesPasses() {
        List<String> trace = lab(on("JOB_STARTED", "a1", "A", "n1", 0), on("JOB_STARTED", "a2", "B", "n2", 0),
                on("JOB_SUCCEEDED", "a1", "A", null, 1), on("JOB_SUCCEEDED", "a2", "B", null, 1));
        assertThat(new TraceChecker(LAB, 2, java.util.Set.of()).check(trace)).isEmpty();
        assertThat(String.join("\n", new TraceChecker(LAB).check(trace))).as("one engine has one worker")
                .contains("rule 1: 2 jobs running");
    }

    @Test
    void twoJobsOnANodeOfOneWorkerAreCaught() {
        List<String> trace = lab(on("JOB_STARTED", "a1", "A", "n1", 0), on("JOB_STARTED", "a2", "B", "n1", 0),
                on("JOB_SUCCEEDED", "a1", "A", null, 1), on("JOB_SUCCEEDED", "a2", "B", null, 1));
        assertThat(String.join("\n", new TraceChecker(LAB, 2, java.util.Set.of()).check(trace)))
                .contains("rule 1: 2 jobs running on n1");
    }

    @Test
    void aJobStartedAgainWhileItsNodeLivesIsCaughtAndAfterItsNodeWasKilledPasses() {
        List<String> twice = lab(on("JOB_STARTED", "a1", "A", "n1", 0), on("JOB_STARTED", "a1", "A", "n2", 1),
                on("JOB_SUCCEEDED", "a1", "A", null, 2), on("JOB_STARTED", "a2", "B", "n2", 2),
                on("JOB_SUCCEEDED", "a2", "B", null, 3));
        assertThat(String.join("\n", new TraceChecker(LAB, 2, java.util.Set.of()).check(twice)))
                .contains("it runs already").contains("started 2 times");
        // n1 killed while a1 ran on it: a1 starts again on n2 and ends once. That is the takeover.
        assertThat(new TraceChecker(LAB, 2, java.util.Set.of("n1")).check(twice)).isEmpty();
    }

    @Test
    void aJobThatEndsTwiceOrNeverInAClusterTraceIsCaught() {
        List<String> lost = lab(on("JOB_STARTED", "a1", "A", "n1", 0), on("JOB_STARTED", "a2", "B", "n2", 0),
                on("JOB_SUCCEEDED", "a2", "B", null, 1));
        assertThat(String.join("\n", new TraceChecker(LAB, 2, java.util.Set.of("n1")).check(lost)))
                .contains("job a1 has 0 terminal events");
    }
}
