package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchReadCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = PathLaneCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void benchHelpListsRead() {
        Run run = run("bench", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("read");
    }

    @Test
    void theSlideIsRequired() {
        Run run = run("bench", "read");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--slide");
    }

    @Test
    void aMissingSlideIsOneLineNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("mosaic.svs");
        Run run = run("bench", "read", "--slide", missing.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(missing.toString()).contains("no such file");
    }

    @Test
    void nonPositiveSettingsAreRefused(@TempDir Path dir) {
        Run run = run("bench", "read", "--slide", dir.resolve("x.svs").toString(), "--threads", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--threads");
    }
}
