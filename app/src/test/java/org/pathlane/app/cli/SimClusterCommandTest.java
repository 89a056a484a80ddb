package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pathlane sim --db URL --nodes 3 [--kill-node K@MS]}: three engines in separate JVMs on one PostgreSQL,
 * one trace in the format of {@code sim}, each {@code JOB_STARTED} naming its node; a node killed mid-run has its
 * job started again elsewhere. Skips without the throw-away PostgreSQL of {@code .ci/run}.
 */
class SimClusterCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * One worker on each of three nodes and three users' lanes of 3 s jobs: each node runs one of the first three
     * jobs (they start well within the first second), so node 2 runs one when it is killed at 1.5 s.
     */
    private static final String THREE_USERS = """
            {"config": {"maxActiveUsers": 3, "maxWorkers": 1},
             "workflows": [
               {"id": "w1", "user": "alice", "jobs": [{"id": "a1", "branch": "A", "durationMs": 3000},
                                                      {"id": "a2", "branch": "A", "durationMs": 3000}]},
               {"id": "w2", "user": "bob", "jobs": [{"id": "b1", "branch": "A", "durationMs": 3000},
                                                    {"id": "b2", "branch": "A", "durationMs": 3000}]},
               {"id": "w3", "user": "carol", "jobs": [{"id": "c1", "branch": "A", "durationMs": 3000},
                                                      {"id": "c2", "branch": "A", "durationMs": 3000}]}]}
            """;

    private Path credentials() throws Exception {
        String url = System.getenv("PATHLANE_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "no throw-away PostgreSQL: PATHLANE_TEST_PG_URL is not set "
                + "(.ci/run starts one with scripts/throwaway-postgres)");
        Path file = dir.resolve("db.credentials");
        Files.writeString(file, "user=" + System.getenv("PATHLANE_TEST_PG_USER") + "\npassword="
                + System.getenv("PATHLANE_TEST_PG_PASSWORD") + "\n");
        return file;
    }

    @Test
    void threeNodesRunTheScenarioAndAKilledNodesJobRunsAgainElsewhere() throws Exception {
        Path credentials = credentials();
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, THREE_USERS);
        Path traceFile = dir.resolve("trace.jsonl");
        CliRun run = CliRun.of("sim", "--scenario", scenario.toString(), "--trace", traceFile.toString(),
                "--db", System.getenv("PATHLANE_TEST_PG_URL"), "--db-credentials", credentials.toString(),
                "--nodes", "3", "--kill-node", "2@1500");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("sim: 6 jobs of 3 workflows ended").contains("on 3 nodes")
                .contains("sim: node-2 killed at");
        List<JsonNode> trace = Files.readAllLines(traceFile).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("trace line is not JSON: " + l, e);
            }
        }).toList();
        long lastT = 0;
        Map<String, Integer> starts = new HashMap<>();
        Map<String, Integer> ends = new HashMap<>();
        for (JsonNode e : trace) {
            assertThat(e.path("t").asLong()).as("t never decreases").isGreaterThanOrEqualTo(lastT);
            lastT = e.path("t").asLong();
            String event = e.path("event").asText();
            if (event.equals("JOB_STARTED")) {
                assertThat(e.path("node").asText()).as("which node ran it: %s", e).matches("node-[123](\\.2)?");
                starts.merge(e.path("job").asText(), 1, Integer::sum);
            } else if (event.matches("JOB_(SUCCEEDED|FAILED|CANCELLED)")) {
                ends.merge(e.path("job").asText(), 1, Integer::sum);
            }
        }
        assertThat(ends).as("every job ends exactly once").hasSize(6).allSatisfy((j, n) -> assertThat(n).isEqualTo(1));
        assertThat(starts.values()).as("node 2 ran a job when it was killed: it started again, once")
                .containsOnly(1, 2).contains(2);
    }

    @Test
    void severalNodesNeedALabDatabaseAndAKilledNodeMustExist() throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, THREE_USERS);
        String trace = dir.resolve("trace.jsonl").toString();
        CliRun noDb = CliRun.of("sim", "--scenario", scenario.toString(), "--trace", trace, "--nodes", "3");
        assertThat(noDb.status()).isEqualTo(2);
        assertThat(noDb.err().strip()).contains("--nodes and --kill-node need --db").doesNotContain("\n");
        CliRun badKill = CliRun.of("sim", "--scenario", scenario.toString(), "--trace", trace, "--db",
                "postgresql://localhost/lab", "--nodes", "3", "--kill-node", "4@100");
        assertThat(badKill.status()).isEqualTo(2);
        assertThat(badKill.err()).contains("--kill-node 4@100: give K@MS with K a node from 1 to 3");
    }

    @Test
    void anInvalidScenarioExitsTwoWithAnEmptyTraceBeforeAnyNodeStarts() throws Exception {
        Path credentials = credentials();
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, """
                {"config": {"maxActiveUsers": 1, "maxWorkers": 1},
                 "workflows": [{"id": "w1", "user": "alice", "jobs": [
                    {"id": "j1", "branch": "A", "durationMs": 1, "dependsOn": ["nope"]}]}]}
                """);
        Path trace = dir.resolve("trace.jsonl");
        CliRun run = CliRun.of("sim", "--scenario", scenario.toString(), "--trace", trace.toString(),
                "--db", System.getenv("PATHLANE_TEST_PG_URL"), "--db-credentials", credentials.toString(), "--nodes", "3");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(Files.size(trace)).isZero();
    }
}
