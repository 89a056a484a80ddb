package org.pathlane.app.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathlane.scheduler.engine.LabDatabase;
import org.pathlane.scheduler.sim.ClusterSimulation;
import org.pathlane.scheduler.bench.SchedulerBenchmark;
import org.pathlane.scheduler.engine.SchedulerConfig;
import org.pathlane.scheduler.sim.Scenario;
import org.pathlane.scheduler.sim.ScenarioException;
import org.pathlane.scheduler.sim.ScenarioParser;
import org.pathlane.scheduler.sim.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pathlane sim --scenario F --trace T}: runs a scenario through the real engine (real threads, a
 * throw-away H2 file database) and writes the JSON Lines trace of {@code specs/scheduler.md}. With
 * {@code --db URL --nodes N [--kill-node K@MS]} it runs on N engines in separate processes on a lab's PostgreSQL
 * and writes one trace in commit order, each {@code JOB_STARTED} naming its node ({@link ClusterSimulation}). Exit 0 when
 * every job ended; 2 with one line on stderr, and an empty trace, for an invalid scenario (which includes a file
 * that is not UTF-8 text: see {@link ScenarioParser} for the rest).
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Runs a scheduler scenario (JSON) through the real engine and writes a JSON Lines trace of every committed event.")
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario (JSON).")
    Path scenarioFile;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "Where to write the trace (JSON Lines).")
    Path traceFile;

    @Option(names = "--db", paramLabel = "URL",
            description = "Run on a lab's PostgreSQL (postgresql://host[:port]/database), in a schema of its own that is "
                    + "dropped afterwards, with the engines of --nodes.")
    String db;

    @Option(names = "--db-credentials", paramLabel = "FILE",
            description = "File with the lines user=NAME and password=SECRET (default: PATHLANE_DB_USER and "
                    + "PATHLANE_DB_PASSWORD from the environment).")
    Path credentials;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "Engines in separate processes on the --db database (default ${DEFAULT-VALUE}); "
                    + "config.maxWorkers is each node's.")
    int nodes;

    @Option(names = "--kill-node", paramLabel = "K@MS",
            description = "Kill node K (1-based) with SIGKILL MS milliseconds after the start, and start it again "
                    + "(as node-K.2). Repeatable.")
    List<String> kills = new ArrayList<>();

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "3",
            description = "With --db: the engine lease and node heartbeat expiry (default ${DEFAULT-VALUE}); a killed "
                    + "node's jobs run again within about this.")
    int leaseSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<ClusterSimulation.Kill> killList = clusterOptions();
        Scenario scenario = read();
        if (db != null) {
            return cluster(scenario, killList);
        }
        Writer trace = openTrace();
        Path dir = Files.createTempDirectory("pathlane-sim");
        ScenarioRunner.Result result;
        try (trace) {
            result = ScenarioRunner.run(scenario, SchedulerConfig.dataDir(dir), trace);
        } finally {
            SchedulerBenchmark.deleteTree(dir);
        }
        spec.commandLine().getOut().printf("sim: %d jobs of %d workflows ended after %d ms; trace written to %s%n",
                result.jobs(), scenario.workflows().size(), result.makespan().toMillis(), traceFile);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Checks the lab options before anything is read or started. */
    private List<ClusterSimulation.Kill> clusterOptions() {
        if (nodes < 1 || nodes > 16) {
            throw new CliException(2, "--nodes must be 1 to 16");
        }
        if (db == null && (nodes > 1 || !kills.isEmpty())) {
            throw new CliException(2, "--nodes and --kill-node need --db postgresql://host/database: several engines "
                    + "share a lab's PostgreSQL");
        }
        if (leaseSeconds < 1 || leaseSeconds > 600) {
            throw new CliException(2, "--lease must be 1 to 600 seconds");
        }
        List<ClusterSimulation.Kill> list = new ArrayList<>();
        for (String kill : kills) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2})@(\\d{1,9})").matcher(kill.strip());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > nodes) {
                throw new CliException(2, "--kill-node " + kill + ": give K@MS with K a node from 1 to " + nodes
                        + " and MS the milliseconds after the start, e.g. 2@1500");
            }
            list.add(new ClusterSimulation.Kill(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
        }
        return list;
    }

    /** The trace file, or exit 2 naming it when it cannot be written. */
    private Writer openTrace() {
        try {
            return Files.newBufferedWriter(traceFile);
        } catch (IOException e) {
            throw new CliException(2, "cannot write the trace " + traceFile + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); give a writable file with --trace");
        }
    }

    private Integer cluster(Scenario scenario, List<ClusterSimulation.Kill> killList) throws Exception {
        LabDatabase lab;
        try {
            lab = LabDatabase.parse(db, credentials, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CliException(2, e.getMessage());
        }
        Writer trace = openTrace();
        Path dir = Files.createTempDirectory("pathlane-sim");
        ClusterSimulation.Result result;
        try (trace) {
            result = ClusterSimulation.run(scenario, lab, nodes, killList, Duration.ofSeconds(leaseSeconds),
                    dir.resolve("results"), trace);
        } finally {
            SchedulerBenchmark.deleteTree(dir);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("sim: %d jobs of %d workflows ended after %d ms on %d nodes; trace written to %s%n", result.jobs(),
                scenario.workflows().size(), result.makespan().toMillis(), nodes, traceFile);
        for (int i = 0; i < result.killed().size(); i++) {
            long takeover = result.takeover().get(i);
            out.printf("sim: %s killed at %d ms; %s%n", result.killed().get(i), result.killedAtMs().get(i),
                    takeover < 0 ? "it ran no job that had to run again"
                            : "its jobs were running again " + takeover + " ms later (lease " + leaseSeconds + " s)");
        }
        out.flush();
        return 0;
    }

    private Scenario read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(scenarioFile);
        } catch (IOException e) {
            throw invalid("cannot read the scenario " + scenarioFile + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        try {
            return new ScenarioParser().parse(utf8(bytes), scenarioFile.toString());
        } catch (ScenarioException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Strict UTF-8: a file in another encoding is refused naming the first byte that is not UTF-8, never guessed. */
    private String utf8(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw invalid(scenarioFile + ": the file is UTF-16 text; save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = Math.min(in.position(), bytes.length - 1);
            throw invalid(String.format("%s: the file is not UTF-8 text: byte %d (0x%02X) cannot be read as UTF-8;"
                    + " save the scenario as UTF-8", scenarioFile, at + 1, bytes[at]));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Exit 2 with one line; the trace is left empty (no line for an invalid scenario). */
    private CliException invalid(String message) {
        try {
            Files.write(traceFile, new byte[0]);
        } catch (IOException e) {
            message += "; also cannot write the trace " + traceFile + ": " + e.getMessage();
        }
        return new CliException(2, message.replaceAll("\\s*\\R\\s*", " "));
    }
}
