package org.pathlane.scheduler.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.pathlane.scheduler.engine.LabClient;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.persistence.ClusterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pathlane sim --nodes N}: a scenario through N engines in separate JVMs ({@link ClusterNodeMain}) on one
 * PostgreSQL, in a schema of its own that is dropped afterwards. This process is not a node: it makes the
 * scenario's submissions and cancels at their times through the database ({@link LabClient}), kills and restarts
 * nodes as asked, and writes the trace from the decider's event log in commit order (a dead decider's last
 * committed events included). Nodes are named {@code node-K}; node K started again after a kill is
 * {@code node-K.2} (its second run), so a trace says which run of a node ran a job.
 */
public final class ClusterSimulation {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulation.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Kill node {@code node} (1-based) with SIGKILL {@code atMs} after the start, then start it again. */
    public record Kill(int node, long atMs) {
    }

    /**
     * What a run measured.
     *
     * @param killed   for each kill: the killed node's name and the trace time of the kill
     * @param takeover for each kill: ms from the kill until the last of the dead node's jobs started again
     *                 elsewhere (-1 if it ran none)
     */
    public record Result(Duration makespan, long jobs, List<String> killed, List<Long> killedAtMs, List<Long> takeover) {
    }

    private ClusterSimulation() {
    }

    /**
     * @param lab     the PostgreSQL to run on (its credentials go to the nodes through their environment)
     * @param results where the nodes put job results
     * @param lease   the engine lease and node heartbeat expiry: a dead node's jobs run again within about this
     */
    public static Result run(Scenario scenario, LabDatabase lab, int nodes, List<Kill> kills, Duration lease,
            Path results, Writer trace) throws Exception {
        String schema = "pl_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl(), lab.user(), lab.password());
                Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        String url = lab.jdbcUrl() + (lab.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path logs = Files.createTempDirectory("pathlane-sim-nodes");
        List<Process> processes = new ArrayList<>();
        try (LabClient client = LabClient.open(lab.withNode("sim").withLease(lease).withEventLog(true)
                .withStandby(true).withJdbcUrl(url))) {
            scenario.workflows().stream().map(Scenario.Submission::user).distinct().forEach(client::createUser);
            client.saveLimits(scenario.limits());
            for (int k = 1; k <= nodes; k++) {
                processes.add(startNode(url, lab, "node-" + k, results, scenario.limits().maxWorkers(), lease, logs));
            }
            for (int k = 0; k < nodes; k++) {
                awaitReady(processes.get(k), "node-" + (k + 1), logs);
            }
            return drive(scenario, client, kills, processes, url, lab, results, lease, logs, trace);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
            try (Connection c = DriverManager.getConnection(lab.jdbcUrl(), lab.user(), lab.password());
                    Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            } catch (SQLException e) {
                LOG.warn("Could not drop the simulation's schema {} ({}); drop it by hand", schema, e.getMessage());
            }
            deleteTree(logs);
        }
    }

    private static Result drive(Scenario scenario, LabClient client, List<Kill> kills, List<Process> processes,
            String url, LabDatabase lab, Path results, Duration lease, Path logs, Writer trace) throws Exception {
        List<Object[]> inputs = new ArrayList<>();
        Timeline.of(scenario).forEach(i -> inputs.add(new Object[] {i.atMs(), i}));
        kills.forEach(k -> inputs.add(new Object[] {k.atMs(), k}));
        inputs.sort(java.util.Comparator.comparingLong(i -> (Long) i[0])); // stable: kills after inputs at equal times
        Map<String, String> engineIds = new HashMap<>();
        Map<String, Scenario.Submission> byJob = new HashMap<>();
        scenario.workflows().forEach(w -> w.spec().jobs().forEach(j -> byJob.put(j.id(), w)));
        Map<String, String> lastNode = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= processes.size(); k++) {
            names.add("node-" + k);
        }
        Map<Integer, Integer> runs = new HashMap<>();
        kills.forEach(k -> runs.put(k.node(), 1));
        List<String> killed = new ArrayList<>();
        List<Long> killedAt = new ArrayList<>();
        List<Long> takeover = new ArrayList<>();
        long budgetMs = 120_000 + scenario.workflows().stream().mapToLong(Scenario.Submission::submitAtMs).max().orElse(0)
                + scenario.workflows().stream().flatMap(w -> w.spec().jobs().stream())
                        .mapToLong(j -> ((Number) j.params().get("durationMs")).longValue()).sum();
        long start = System.currentTimeMillis();
        long lastT = 0;
        long lastSeq = 0;
        int finished = 0;
        int next = 0;
        while (finished < scenario.workflows().size()) {
            long now = System.currentTimeMillis() - start;
            if (now > budgetMs) {
                throw new IllegalStateException("the scenario did not finish within " + budgetMs + " ms on "
                        + processes.size() + " nodes");
            }
            while (next < inputs.size() && (Long) inputs.get(next)[0] <= now) {
                Object input = inputs.get(next++)[1];
                if (input instanceof Kill k) {
                    Process p = processes.get(k.node() - 1);
                    p.destroyForcibly().waitFor();
                    killed.add(names.get(k.node() - 1));
                    killedAt.add(System.currentTimeMillis() - start);
                    takeover.add(-1L);
                    int run = runs.merge(k.node(), 1, Integer::sum);
                    String again = "node-" + k.node() + "." + run;
                    names.set(k.node() - 1, again);
                    processes.set(k.node() - 1, startNode(url, lab, again, results, scenario.limits().maxWorkers(),
                            lease, logs));
                } else {
                    Timeline.Input in = (Timeline.Input) input;
                    if (in.submission() != null) {
                        engineIds.put(in.submission().id(), client.submit(in.submission().user(), in.submission().spec()));
                    } else {
                        cancel(client, in.cancel(), byJob, scenario, engineIds);
                    }
                }
            }
            List<ClusterStore.EventRow> events = client.events(lastSeq, 5000);
            for (ClusterStore.EventRow e : events) {
                lastSeq = e.seq();
                lastT = Math.max(lastT, e.atMs() - start);
                write(trace, e, lastT);
                if (e.event().equals("WORKFLOW_FINISHED")) {
                    finished++;
                }
                if (e.event().equals("JOB_STARTED")) {
                    String before = lastNode.put(e.job(), e.node());
                    int k = killed.indexOf(before);
                    if (k >= 0) {
                        takeover.set(k, Math.max(takeover.get(k), lastT - killedAt.get(k)));
                    }
                }
            }
            if (events.isEmpty()) {
                Thread.sleep(next < inputs.size() ? Math.max(1, Math.min(20, (Long) inputs.get(next)[0] - now)) : 20);
            }
        }
        trace.flush();
        return new Result(Duration.ofMillis(lastT), scenario.jobCount(), killed, killedAt, takeover);
    }

    private static void cancel(LabClient client, Scenario.Cancel c, Map<String, Scenario.Submission> byJob,
            Scenario scenario, Map<String, String> engineIds) {
        Scenario.Submission w = c.job() != null ? byJob.get(c.job())
                : scenario.workflows().stream().filter(s -> s.id().equals(c.workflow())).findFirst().orElseThrow();
        String id = engineIds.get(w.id());
        if (id == null) {
            LOG.info("Cancel at {} ms ignored: workflow {} is not submitted yet", c.atMs(), w.id());
        } else if (c.job() != null) {
            client.cancelJob(w.user(), id, c.job());
        } else {
            client.cancelWorkflow(w.user(), id);
        }
    }

    /** One trace line in the format of {@code specs/scheduler.md}; {@code JOB_STARTED} says which node ran it. */
    private static void write(Writer trace, ClusterStore.EventRow e, long t) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", t);
        line.put("event", e.event());
        line.put("user", e.user());
        if (e.workflow() != null) {
            line.put("workflow", e.workflow());
        }
        if (e.job() != null) {
            line.put("job", e.job());
            line.put("branch", e.branch());
        }
        switch (e.event()) {
            case "JOB_STARTED" -> line.put("node", e.node());
            case "JOB_FAILED", "JOB_CANCELLED" -> line.put("reason", e.reason() == null ? "" : e.reason());
            case "WORKFLOW_FINISHED" -> line.put("state", e.state());
            default -> {
            }
        }
        trace.write(line.toString());
        trace.write('\n');
    }

    private static Process startNode(String url, LabDatabase lab, String name, Path results, int workers, Duration lease,
            Path logs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                ClusterNodeMain.class.getName(), url, name, results.toString(), Integer.toString(workers),
                Long.toString(lease.toMillis()));
        // The class path goes through the environment (as the launcher does), the credentials too: never the command line.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("PATHLANE_DB_USER", lab.user());
        builder.environment().put("PATHLANE_DB_PASSWORD", lab.password());
        builder.redirectError(logs.resolve(name + ".log").toFile());
        return builder.start();
    }

    private static void awaitReady(Process p, String name, Path logs) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("READY")) {
                return;
            }
        }
        String log = Files.exists(logs.resolve(name + ".log")) ? Files.readString(logs.resolve(name + ".log")) : "";
        String[] tail = log.lines().toList().reversed().stream().limit(5).toList().reversed().toArray(String[]::new);
        throw new IllegalStateException("node " + name + " did not start: " + String.join(" / ", tail));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
