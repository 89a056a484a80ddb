package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PathLaneCommandTest {

    @Test
    void helpListsTheBenchCommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: pathlane").contains("bench");
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("frobnicate");
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
