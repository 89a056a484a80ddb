package org.pathlane.app.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
 * throw-away H2 file database) and writes the JSON Lines trace of {@code specs/scheduler.md}. Exit 0 when
 * every job ended; 2 with one line on stderr, and an empty trace, for an invalid scenario.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Runs a scheduler scenario (JSON) through the real engine and writes a JSON Lines trace of every committed event.")
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario (JSON).")
    Path scenarioFile;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "Where to write the trace (JSON Lines).")
    Path traceFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = read();
        Writer trace;
        try {
            trace = Files.newBufferedWriter(traceFile);
        } catch (IOException e) {
            throw new CliException(2, "cannot write the trace " + traceFile + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); give a writable file with --trace");
        }
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

    private Scenario read() {
        String text;
        try {
            text = Files.readString(scenarioFile);
        } catch (IOException e) {
            throw invalid("cannot read the scenario " + scenarioFile + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        try {
            return new ScenarioParser().parse(text, scenarioFile.toString());
        } catch (ScenarioException e) {
            throw invalid(e.getMessage());
        }
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
