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

    @Test
    void joiningALabFromTheCommandLineIsCheckedBeforeAnyWindowOpens(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        CliRun bad = CliRun.of("--data-dir", dir.toString(), "--db", "mysql://dbhost/lab", "--results", dir.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("give a PostgreSQL address");
        CliRun password = CliRun.of("--data-dir", dir.toString(), "--db", "postgresql://lab:pw@dbhost/lab", "--results",
                dir.toString());
        assertThat(password.status()).isEqualTo(2);
        assertThat(password.err()).contains("do not go on the command line");
        CliRun noShare = CliRun.of("--data-dir", dir.toString(), "--db", "postgresql://dbhost/lab");
        assertThat(noShare.status()).isEqualTo(2);
        assertThat(noShare.err()).contains("--results DIR");
        CliRun stray = CliRun.of("--data-dir", dir.toString(), "--results", dir.toString());
        assertThat(stray.status()).isEqualTo(2);
        assertThat(stray.err()).contains("go with --db");

        Path credentials = java.nio.file.Files.writeString(dir.resolve("lab.credentials"), "user=lab\npassword=pw\n");
        CommandLine cli = PathLaneCommand.commandLine();
        cli.parseArgs("--db", "postgresql://dbhost/lab", "--db-credentials", credentials.toString(), "--results",
                dir.resolve("share").toString(), "--workers", "2");
        org.pathlane.app.session.LabConnection lab = ((PathLaneCommand) cli.getCommand()).lab();
        assertThat(lab.workers()).isEqualTo(2);
        assertThat(lab.database(java.util.Map.of()).user()).isEqualTo("lab");
        cli = PathLaneCommand.commandLine();
        cli.parseArgs("--db", "local");
        assertThat(((PathLaneCommand) cli.getCommand()).lab().local()).isTrue();
    }
}
