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
