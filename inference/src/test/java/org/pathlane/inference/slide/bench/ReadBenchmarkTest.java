package org.pathlane.inference.slide.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.slide.SyntheticSlides;

/** The benchmark's mechanics (not its speed): same tiles on both sides, C built and run, figures reported. */
class ReadBenchmarkTest {

    @TempDir
    Path dir;

    private Path slide() throws IOException {
        return SyntheticSlides.writePyramid(dir.resolve("bench.tif"),
                SyntheticSlides.pyramid(SyntheticSlides.pattern(700, 500, 1), 2), 128);
    }

    @Test
    void theTileSetCoversLevelZeroInRowMajorOrderIncludingEdges() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        try (SlideReader slide = Slides.open(slide())) {
            List<long[]> tiles = ReadBenchmark.levelZeroTiles(slide, 256, 0);
            assertThat(tiles).hasSize(3 * 2);
            assertThat(tiles.get(2)).containsExactly(512, 0);
            assertThat(tiles.get(3)).containsExactly(0, 256);
            assertThat(ReadBenchmark.levelZeroTiles(slide, 256, 4)).hasSize(4);
        }
    }

    @Test
    void javaAndCReadTheSameTilesAndBothReportThroughput() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        Assumptions.assumeTrue(SyntheticSlides.tool("gcc").isPresent(), "gcc is not installed: the C side of the benchmark cannot be built");
        ReadBenchmark.Report report = ReadBenchmark.run(slide(), 128, 0, List.of(1, 2), 1);
        assertThat(report.tiles()).isEqualTo(6 * 4);
        assertThat(report.rows()).extracting(ReadBenchmark.Row::threads).containsExactly(1, 2);
        for (ReadBenchmark.Row row : report.rows()) {
            assertThat(row.java().tiles()).isEqualTo(24);
            assertThat(row.c().tiles()).isEqualTo(24);
            assertThat(row.java().tilesPerSecond()).isPositive();
            assertThat(row.c().tilesPerSecond()).isPositive();
            assertThat(row.ratio()).isPositive();
        }
    }

    @Test
    void aPlainImageIsRefusedWithAReason() throws Exception {
        Path png = SyntheticSlides.writeImage(dir.resolve("plain.png"), SyntheticSlides.pattern(64, 64, 1), "png");
        assertThatThrownBy(() -> ReadBenchmark.run(png, 32, 0, List.of(1), 1))
                .isInstanceOf(IOException.class).hasMessageContaining("plain.png").hasMessageContaining("plain image");
    }
}
