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
}
