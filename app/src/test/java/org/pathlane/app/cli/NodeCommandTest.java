package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pathlane node}: a lab node with {@code --db}, a workstation's own queue without; options that do not fit are refused. */
class NodeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aLabNodeStillNeedsItsResultsShareAndIsNotToldToStopWhenIdle() {
        CliRun noResults = CliRun.of("node", "--db", "postgresql://localhost/lab");
        assertThat(noResults.status()).isEqualTo(2);
        assertThat(noResults.err()).contains("--results DIR is needed with --db");

        // A lab node serves every desktop of the lab: it does not stop when its queue runs dry, and an option
        // that seems to say so must not be taken silently (the node would run on for ever).
        CliRun untilIdle = CliRun.of("node", "--db", "postgresql://localhost/lab", "--results", dir.toString(),
                "--until-idle");
        assertThat(untilIdle.status()).isEqualTo(2);
        assertThat(untilIdle.err()).contains("--until-idle").contains("without --db");

        CliRun labOnly = CliRun.of("node", "--data-dir", dir.toString(), "--workers", "8");
        assertThat(labOnly.status()).isEqualTo(2);
        assertThat(labOnly.err()).contains("go with --db");
    }
}
