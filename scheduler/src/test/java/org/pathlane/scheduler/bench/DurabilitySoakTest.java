package org.pathlane.scheduler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule 13 under attack, bounded for the suite: the harness of {@code pathlane bench durability} kills an engine
 * under load with SIGKILL 10 times on a database that already holds 20,000 finished jobs. With H2 reusing the
 * space of dead chunks this lost confirmed workflows and brought announced jobs back to RUNNING (11 workflows and
 * 9 jobs in 12 kills); nothing confirmed may be lost.
 */
class DurabilitySoakTest {

    @Test
    void nothingConfirmedIsLostAcrossTenKillsOnADatabaseWithHistory(@TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>();
        DurabilitySoak.Result result = DurabilitySoak.run(dir, 10, 20_000, 20261203L, log::add);

        assertThat(result.ackedWorkflows()).as("the harness had workflows confirmed to lose").isPositive();
        assertThat(result.announcedJobs()).as("the harness had job ends announced to lose").isPositive();
        assertThat(result.examples()).as("what was lost, per kill:%n%s", String.join("\n", log)).isEmpty();
        assertThat(result.ackedLost()).isZero();
        assertThat(result.announcedRerun()).isZero();
    }
}
