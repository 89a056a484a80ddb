package org.pathlane.scheduler.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.pathlane.scheduler.bench.SchedulerBenchmark;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.event.EventType;
import org.pathlane.scheduler.event.SchedulerEvent;
import org.pathlane.scheduler.event.SchedulerListener;

/**
 * Large {@code pathlane sim} scenarios of many small workflows, and a measure of how late {@code sim} submits them.
 *
 * <p>The workflows are listed in random order (not sorted by {@code submitAtMs}), as a hand-merged or generated
 * scenario may be. Measure with (after {@code mvn -pl scheduler test-compile} and
 * {@code mvn -pl scheduler dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}):
 * <pre>
 * java -cp scheduler/target/test-classes:scheduler/target/classes:$(cat cp.txt) \
 *     org.pathlane.scheduler.sim.LoadScenarios 5000 100 10000 1
 * </pre>
 * which generates 5,000 workflows of 100 users due over 10 s (3 user slots, 4 workers; seed 1), runs them as
 * {@code pathlane sim} does (an H2 file database in a temporary folder, warm-up first) and prints the submit lag
 * and order, and the CPU time the run took by thread, which the machine's load changes far less than the lag.
 */
final class LoadScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadScenarios() {
    }

    /** {@code workflows} workflows of 1-3 jobs (0-2 ms, branches B0/B1) of {@code users} users, due in [0, spreadMs). */
    static String generate(int workflows, int users, int spreadMs, long seed) {
        Random random = new Random(seed);
        ObjectNode root = JSON.createObjectNode();
        root.putObject("config").put("maxActiveUsers", 3).put("maxWorkers", 4);
        ArrayNode list = root.putArray("workflows");
        for (int w = 0; w < workflows; w++) {
            ObjectNode workflow = list.addObject().put("id", "w" + w).put("user", "u" + random.nextInt(users))
                    .put("submitAtMs", random.nextInt(spreadMs));
            ArrayNode jobs = workflow.putArray("jobs");
            int count = 1 + random.nextInt(3);
            for (int j = 0; j < count; j++) {
                jobs.addObject().put("id", "w" + w + "j" + j).put("branch", "B" + random.nextInt(2))
                        .put("durationMs", random.nextInt(3));
            }
        }
        return root.toString();
    }

    /** How late and in which order a trace shows the scenario's workflows submitted. */
    record Lag(int submitted, long medianMs, long p99Ms, long maxMs, int outOfOrder, int outOfOrderForOneUser) {

        static Lag of(Scenario scenario, List<String> trace) {
            Map<String, Scenario.Submission> byId = new HashMap<>();
            scenario.workflows().forEach(s -> byId.put(s.id(), s));
            List<Long> lags = new ArrayList<>();
            long lastDue = Long.MIN_VALUE;
            Map<String, Long> lastDueOfUser = new HashMap<>();
            int outOfOrder = 0;
            int outOfOrderForOneUser = 0;
            for (String line : trace) {
                JsonNode event = read(line);
                if (!event.path("event").asText().equals("WORKFLOW_SUBMITTED")) {
                    continue;
                }
                Scenario.Submission s = byId.get(event.path("workflow").asText());
                lags.add(event.path("t").asLong() - s.submitAtMs());
                if (s.submitAtMs() < lastDue) {
                    outOfOrder++;
                }
                lastDue = Math.max(lastDue, s.submitAtMs());
                Long mine = lastDueOfUser.get(s.user());
                if (mine != null && s.submitAtMs() < mine) {
                    outOfOrderForOneUser++;
                }
                lastDueOfUser.merge(s.user(), s.submitAtMs(), Math::max);
            }
            long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Lag(sorted.length, at(sorted, 0.5), at(sorted, 0.99), at(sorted, 1.0), outOfOrder, outOfOrderForOneUser);
        }

        private static long at(long[] sorted, double quantile) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int[] n = Arrays.stream(args).limit(3).mapToInt(Integer::parseInt).toArray();
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        String text = generate(n[0], n[1], n[2], seed);
        Scenario scenario = new ScenarioParser().parse(text, "generated");
        Path dir = Files.createTempDirectory("pathlane-sim-load");
        StringWriter trace = new StringWriter();
        long started = System.nanoTime();
        CpuWhileRunning cpu = new CpuWhileRunning(scenario.workflows().size());
        ScenarioRunner.Result result;
        try {
            result = ScenarioRunner.run(scenario, SchedulerConfig.dataDir(dir).withListener(cpu), trace);
        } finally {
            SchedulerBenchmark.deleteTree(dir);
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        Lag lag = Lag.of(scenario, trace.toString().lines().toList());
        System.out.printf("%d workflows (%d jobs) of %d users due over %d ms, seed %d, load average %s%n", n[0],
                scenario.jobCount(), n[1], n[2], seed, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        System.out.printf("  makespan %d ms (wall %d ms incl. warm-up); submit lag (trace t - submitAtMs): median %d ms,"
                + " p99 %d ms, max %d ms; submitted out of submitAtMs order: %d overall, %d within one user%n",
                result.makespan().toMillis(), wallMs, lag.medianMs(), lag.p99Ms(), lag.maxMs(), lag.outOfOrder(),
                lag.outOfOrderForOneUser());
        System.out.printf("  CPU from the first event to the last workflow's end: %s%n", cpu.report());
    }

    /** CPU time spent while the scenario runs, by thread: what the run costs whatever the machine's load. */
    private static final class CpuWhileRunning implements SchedulerListener {

        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final AtomicInteger left;
        private volatile Map<String, Long> first;
        private volatile Map<String, Long> last;

        CpuWhileRunning(int workflows) {
            left = new AtomicInteger(workflows);
        }

        @Override
        public void onEvent(SchedulerEvent event) {
            if (first == null) {
                first = snapshot();
            }
            if (event.type() == EventType.WORKFLOW_FINISHED && left.decrementAndGet() == 0) {
                last = snapshot();
            }
        }

        private Map<String, Long> snapshot() {
            Map<String, Long> byGroup = new TreeMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                String group = t.getName().startsWith("pathlane-job-") ? "jobs" : t.getName().startsWith("pathlane-")
                        && !t.getName().startsWith("pathlane-db") ? t.getName() : "other Java threads";
                byGroup.merge(group, Math.max(0, threads.getThreadCpuTime(t.threadId())), Long::sum);
            }
            byGroup.put("process (JIT and GC included)",
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos());
            return byGroup;
        }

        String report() {
            if (first == null || last == null) {
                return "not measured";
            }
            StringBuilder out = new StringBuilder();
            last.forEach((group, nanos) -> out.append(out.isEmpty() ? "" : ", ").append(group).append(' ')
                    .append((nanos - first.getOrDefault(group, 0L)) / 1_000_000).append(" ms"));
            return out.toString();
        }
    }
}
