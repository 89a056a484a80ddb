package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PathLaneCommandTest {

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
    void helpListsTheBenchCommand() {
        Run run = run("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: pathlane").contains("bench");
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        Run run = run("frobnicate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void dataDirOptionWinsOverTheDefault(@org.junit.jupiter.api.io.TempDir Path dir) {
        CommandLine cli = PathLaneCommand.commandLine();
        cli.parseArgs("--data-dir", dir.toString());
        PathLaneCommand command = cli.getCommand();
        assertThat(command.dataDir()).isEqualTo(dir.toAbsolutePath().normalize());
    }
}
