package org.pathlane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSegmentCommandTest {

    @Test
    void exportCellsWithoutASlideTimesOnlyTheExports() {
        CliRun run = CliRun.of("bench", "segment", "--export-cells", "2000");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("export      2000 synthetic nuclei: cells.csv").contains("cells.geojson")
                .contains("CPU").doesNotContain("pipeline");
    }

    @Test
    void withoutExportCellsTheSlideIsRequired() {
        CliRun run = CliRun.of("bench", "segment");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--slide");
    }

    @Test
    void segmentStillRequiresTheSlide(@TempDir Path dir) {
        CliRun run = CliRun.of("segment", "--out", dir.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--slide");
    }

    @Test
    void aNegativeCountIsRefused() {
        CliRun run = CliRun.of("bench", "segment", "--export-cells", "-1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--export-cells");
    }
}
