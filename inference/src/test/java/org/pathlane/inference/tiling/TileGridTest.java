package org.pathlane.inference.tiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.slide.SyntheticSlides;
import org.pathlane.inference.slide.TiffPyramids;
import org.pathlane.inference.tissue.TissueMask;

/** Tiling a generated 1000x700 pyramid (downsamples 1, 2, 4) at 0.25 µm/px. */
class TileGridTest {

    @TempDir
    static Path dir;
    static List<BufferedImage> levels;
    static SlideReader slide;

    @BeforeAll
    static void writeSlide() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        levels = SyntheticSlides.pyramid(SyntheticSlides.pattern(1000, 700, 9), 3);
        slide = Slides.open(TiffPyramids.writeWithMpp(dir.resolve("grid.tif"), levels, 128, 0.25));
    }

    @AfterAll
    static void close() {
        if (slide != null) {
            slide.close();
        }
    }

    @Test
    void theSlideResolutionComesFromTheTiffTags() {
        assertThat(slide.mppX().orElseThrow()).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void coresCoverTheSlideExactlyOnceIncludingRaggedEdges() {
        TileGrid grid = TileGrid.plan(slide, new TilingOptions(300, 20, 0.25, 0), 0.25, Optional.empty());
        assertThat(grid.columns()).isEqualTo(4);
        assertThat(grid.rows()).isEqualTo(3);
        long area = grid.tiles().stream().mapToLong(t -> t.width() * t.height()).sum();
        assertThat(area).isEqualTo(1000L * 700);
        Tile corner = grid.tiles().getLast();
        assertThat(corner.x() + corner.width()).isEqualTo(1000);
        assertThat(corner.y() + corner.height()).isEqualTo(700);
        assertThat(corner.width()).isEqualTo(100);
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            double x = random.nextDouble() * 1000;
            double y = random.nextDouble() * 700;
            assertThat(grid.tiles().stream().filter(t -> t.coreContains(x, y)).count())
                    .as("owners of %f,%f", x, y).isEqualTo(1);
        }
    }

    @Test
    void readsTheCoarsestLevelNotCoarserThanTheTarget() {
        TileGrid exact = TileGrid.plan(slide, new TilingOptions(100, 10, 0.5, 0), 0.25, Optional.empty());
        assertThat(exact.level()).isEqualTo(1);
        assertThat(exact.scale()).isEqualTo(2.0);
        assertThat(exact.resampled()).isFalse();
        TileGrid between = TileGrid.plan(slide, new TilingOptions(100, 10, 0.75, 0), 0.25, Optional.empty());
        assertThat(between.level()).isEqualTo(1);
        assertThat(between.scale()).isCloseTo(3.0, within(1e-9));
        assertThat(between.resampled()).isTrue();
        TileGrid finer = TileGrid.plan(slide, new TilingOptions(100, 10, 0.2, 0), 0.25, Optional.empty());
        assertThat(finer.level()).isZero();
        assertThat(finer.resampled()).isTrue();
        TileGrid nearly = TileGrid.plan(slide, new TilingOptions(100, 10, 0.499, 0), 0.25, Optional.empty());
        assertThat(nearly.level()).as("within 1 %% snaps to level 1").isEqualTo(1);
        assertThat(nearly.scale()).isEqualTo(2.0);
    }

    @Test
    void tileImagesHoldTheLevelPixelsWithTheHaloAndWhiteOutside() throws Exception {
        TileGrid grid = TileGrid.plan(slide, new TilingOptions(128, 16, 0.5, 0), 0.25, Optional.empty());
        TileReader reader = new TileReader(slide, grid);
        Tile first = grid.tiles().getFirst();
        BufferedImage image = reader.read(first);
        assertThat(image.getWidth()).isEqualTo(160);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getRGB(5, 5)).as("halo above-left of the slide").isEqualTo(0xffffffff);
        BufferedImage level1 = levels.get(1);
        assertThat(image.getRGB(16, 16)).isEqualTo(level1.getRGB(0, 0));
        assertThat(image.getRGB(16 + 127, 16 + 3)).isEqualTo(level1.getRGB(127, 3));
        assertThat(image.getRGB(16 + 140, 16)).as("right halo is real image").isEqualTo(level1.getRGB(140, 0));
        assertThat(grid.toLevel0X(first, 16)).isEqualTo(0.0);
        assertThat(grid.toLevel0X(first, 17)).isEqualTo(2.0);
    }

    @Test
    void resampledTilesHaveTheRequestedSizeAndContent() throws Exception {
        TileGrid grid = TileGrid.plan(slide, new TilingOptions(64, 8, 1.0, 0), 0.25, Optional.empty());
        assertThat(grid.level()).isEqualTo(2);
        assertThat(grid.scale()).isEqualTo(4.0);
        TileGrid coarse = TileGrid.plan(slide, new TilingOptions(64, 8, 1.5, 0), 0.25, Optional.empty());
        BufferedImage image = new TileReader(slide, coarse).read(coarse.tiles().get(1));
        assertThat(image.getWidth()).isEqualTo(80);
        assertThat(image.getHeight()).isEqualTo(80);
    }

    @Test
    void tilesBelowTheTissueThresholdAreSkipped() {
        boolean[] left = new boolean[100 * 70];
        for (int i = 0; i < left.length; i++) {
            left[i] = i % 100 < 30;
        }
        TissueMask mask = new TissueMask(100, 70, left, 10, 10);
        TileGrid grid = TileGrid.plan(slide, new TilingOptions(100, 0, 0.5, 0.05), 0.25, Optional.of(mask));
        assertThat(grid.columns()).isEqualTo(5);
        assertThat(grid.tissueTiles()).allSatisfy(t -> assertThat(t.x()).isLessThan(300));
        assertThat(grid.tissueTiles()).hasSize(2 * grid.rows());
        assertThat(grid.skipped()).isEqualTo(3 * grid.rows());
        assertThat(grid.tiles().get(1).tissueFraction()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aRegionIsTiledInLevel0Coordinates() {
        TileGrid grid = TileGrid.plan(slide, new TilingOptions(200, 0, 0.25, 0), 0.25, Optional.empty(),
                900, 600, 500, 500);
        assertThat(grid.tiles()).singleElement().satisfies(t -> {
            assertThat(t.x()).isEqualTo(900);
            assertThat(t.width()).isEqualTo(100);
            assertThat(t.height()).isEqualTo(100);
        });
        assertThatThrownBy(() -> TileGrid.plan(slide, TilingOptions.defaults(), 0.25, Optional.empty(), 5000, 0, 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    @Test
    void badOptionsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new TilingOptions(0, 64, 0.5, 0.05)).hasMessageContaining("core");
        assertThatThrownBy(() -> new TilingOptions(512, -1, 0.5, 0.05)).hasMessageContaining("halo");
        assertThatThrownBy(() -> new TilingOptions(512, 64, 0, 0.05)).hasMessageContaining("µm/px");
        assertThatThrownBy(() -> new TilingOptions(512, 64, 0.5, 2)).hasMessageContaining("threshold");
    }
}
