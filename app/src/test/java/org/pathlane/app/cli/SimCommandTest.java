package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code pathlane sim} contract: exit statuses, one-line errors, the trace's lines and fields. */
class SimCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun sim(String scenario) throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, scenario);
        return CliRun.of("sim", "--scenario", file.toString(), "--trace", dir.resolve("trace.jsonl").toString());
    }

    private List<JsonNode> trace() throws Exception {
        return Files.readAllLines(dir.resolve("trace.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("trace line is not JSON: " + l, e);
            }
        }).toList();
    }

    @Test
    void theSpecExampleRunsToTheEndAndEveryJobEndsExactlyOnce() throws Exception {
        CliRun run = sim("""
                {"config": {"maxActiveUsers": 3, "maxWorkers": 4},
                 "workflows": [{"id": "w1", "user": "alice", "submitAtMs": 0, "jobs": [
                    {"id": "j1", "branch": "A", "durationMs": 200},
                    {"id": "j2", "branch": "A", "durationMs": 100, "fail": true},
                    {"id": "j3", "branch": "B", "durationMs": 100, "dependsOn": ["j1"]}]}],
                 "cancels": [{"atMs": 150, "job": "j3"}, {"atMs": 300, "workflow": "w1"}]}
                """);
        assertThat(run.status()).as(run.err()).isZero();
        List<JsonNode> trace = trace();
        assertThat(trace).allSatisfy(e -> assertThat(e.path("t").isNumber()).isTrue());
        // The engine warm-up that runs before the clock starts leaves nothing in the trace.
        assertThat(trace).allSatisfy(e -> assertThat(e.path("user").asText()).isEqualTo("alice"));
        assertThat(trace.getFirst().path("event").asText()).isEqualTo("WORKFLOW_SUBMITTED");
        for (String job : List.of("j1", "j2", "j3")) {
            assertThat(trace.stream().filter(e -> job.equals(e.path("job").asText())
                    && e.path("event").asText().matches("JOB_(SUCCEEDED|FAILED|CANCELLED)"))).hasSize(1);
        }
        assertThat(trace.stream().filter(e -> e.path("event").asText().equals("JOB_STARTED"))
                .map(e -> e.path("job").asText())).as("no job starts twice").doesNotHaveDuplicates();
        JsonNode finished = trace.stream().filter(e -> e.path("event").asText().equals("WORKFLOW_FINISHED")).findFirst().orElseThrow();
        assertThat(finished.path("workflow").asText()).isEqualTo("w1");
        assertThat(trace.getLast().path("event").asText()).isEqualTo("USER_RELEASED");
        assertThat(run.out()).contains("3 jobs of 1 workflows");
    }

    @Test
    void anInvalidScenarioExitsTwoWithOneLineAndNoTraceLine() throws Exception {
        Files.writeString(dir.resolve("trace.jsonl"), "stale line from an earlier run\n");
        CliRun run = sim("""
                {"workflows": [{"id": "w1", "user": "alice", "jobs": [
                    {"id": "j1", "branch": "A", "durationMs": 10, "dependsOn": ["j2"]},
                    {"id": "j2", "branch": "A", "durationMs": 10}]}]}
                """);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("workflow \"w1\"").contains("cycle");
        assertThat(Files.readAllLines(dir.resolve("trace.jsonl"))).isEmpty();
    }

    @Test
    void wrongTypesAndBadJsonAreInvalidScenariosToo() throws Exception {
        CliRun wrongType = sim("{\"workflows\": [{\"id\": \"w1\", \"user\": \"a\", \"jobs\": [{\"id\": \"j1\", \"branch\": \"A\", \"durationMs\": \"soon\"}]}]}");
        assertThat(wrongType.status()).isEqualTo(2);
        assertThat(wrongType.err().lines()).singleElement().asString().contains("job \"j1\"").contains("durationMs");
        CliRun notJson = sim("{\"workflows\": [");
        assertThat(notJson.status()).isEqualTo(2);
        assertThat(notJson.err().lines()).singleElement().asString().contains("not valid JSON");
        CliRun crossWorkflow = sim("""
                {"workflows": [{"id": "w1", "user": "a", "jobs": [{"id": "j1", "branch": "A"}]},
                               {"id": "w2", "user": "a", "jobs": [{"id": "j2", "branch": "A", "dependsOn": ["j1"]}]}]}
                """);
        assertThat(crossWorkflow.status()).isEqualTo(2);
        assertThat(crossWorkflow.err()).contains("a job of workflow \"w1\"");
    }

    /**
     * A scenario file that must be refused before anything runs: exit 2, one printable line on stderr naming the
     * file and what is wrong, and an empty trace (issue 16: these ran with a wrapped-around number, failed only
     * at run time with exit 1, crashed, or were accepted).
     */
    private void assertRefused(byte[] scenario, String... mentions) throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.write(file, scenario);
        Files.writeString(dir.resolve("trace.jsonl"), "stale line from an earlier run\n");
        CliRun run = CliRun.of("sim", "--scenario", file.toString(), "--trace", dir.resolve("trace.jsonl").toString());
        assertThat(run.status()).as("exit status; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as("stderr").singleElement().asString()
                .startsWith("pathlane sim: " + file + ": ")
                .contains(mentions)
                .doesNotContainPattern("\\p{Cc}");
        assertThat(Files.readAllLines(dir.resolve("trace.jsonl"))).as("trace").isEmpty();
    }

    private void assertRefused(String scenario, String... mentions) throws Exception {
        assertRefused(scenario.getBytes(StandardCharsets.UTF_8), mentions);
    }

    private static String oneJob(String user, String job) {
        return "{\"workflows\": [{\"id\": \"w1\", \"user\": " + user + ", \"jobs\": [" + job + "]}]}";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            durationMs | 18446744073709551617 | job "j1"
            durationMs | 9223372036854775808  | job "j1"
            durationMs | 86400001             | job "j1"
            durationMs | 1e400                | job "j1"
            durationMs | -0.5                 | job "j1"
            submitAtMs | 18446744073709551617 | workflow "w1"
            submitAtMs | 86400001             | workflow "w1"
            atMs       | 18446744073709551617 | cancel #1
            """)
    void aTimeOutOfRangeIsRefusedNotWrappedAround(String field, String value, String where) throws Exception {
        String[] times = {"0", "0", "0"};
        times[List.of("submitAtMs", "durationMs", "atMs").indexOf(field)] = value;
        assertRefused("{\"workflows\": [{\"id\": \"w1\", \"user\": \"a\", \"submitAtMs\": " + times[0]
                + ", \"jobs\": [{\"id\": \"j1\", \"branch\": \"A\", \"durationMs\": " + times[1] + "}]}],"
                + " \"cancels\": [{\"atMs\": " + times[2] + ", \"job\": \"j1\"}]}",
                where, "field \"" + field + "\"", "from 0 to 86400000");
    }

    @ParameterizedTest(name = "user {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '"ali\\u0007ce"' | control character
            '"ali\\nce"'     | control character
            '"ali\\u0085ce"' | control character
            '" alice"'       | leading or trailing space
            '"alice\\t"'     | control character
            '"alice "'       | leading or trailing space
            """)
    void aUserNameTheEngineWouldRefuseIsAnInvalidScenario(String user, String problem) throws Exception {
        assertRefused(oneJob(user, "{\"id\": \"j1\", \"branch\": \"A\"}"), "workflow \"w1\"", "field \"user\"", problem);
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutACrash() throws Exception {
        assertRefused("{\"workflows\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}", "nested");
    }

    @ParameterizedTest(name = "trailing {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'x'
            '{}'
            ']'
            '"more"'
            """)
    void textAfterTheScenarioObjectIsRefused(String trailing) throws Exception {
        assertRefused(oneJob("\"alice\"", "{\"id\": \"j1\", \"branch\": \"A\"}") + "\n" + trailing, "after the scenario",
                "line 2");
    }

    @Test
    void aByteOrderMarkIsRefusedWithAClearLine() throws Exception {
        assertRefused("\uFEFF" + oneJob("\"alice\"", "{\"id\": \"j1\", \"branch\": \"A\"}"), "byte order mark", "UTF-8");
    }

    @Test
    void aFieldGivenTwiceIsRefused() throws Exception {
        assertRefused("{\"workflows\": [{\"id\": \"w1\", \"user\": \"a\", \"user\": \"b\", \"jobs\": [{\"id\": \"j1\", \"branch\": \"A\"}]}]}",
                "\"user\"", "twice");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithAClearLine() throws Exception {
        assertRefused(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, "not UTF-8", "byte 3");
        assertRefused("{\"workflows\": []}".getBytes(StandardCharsets.UTF_16), "UTF-16", "save it as UTF-8");
    }
}
