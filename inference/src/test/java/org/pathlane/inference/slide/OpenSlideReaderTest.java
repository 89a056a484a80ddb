package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFM binding against generated lossless pyramids, so every pixel is known. */
class OpenSlideReaderTest {

    @TempDir
    static Path dir;
    static List<BufferedImage> levels;
    static SlideReader slide;

    @BeforeAll
    static void writeSlide() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        levels = SyntheticSlides.pyramid(SyntheticSlides.pattern(1000, 700, 3), 3);
        slide = Slides.open(SyntheticSlides.writePyramid(dir.resolve("pyramid.tif"), levels, 128));
    }

    @AfterAll
    static void closeSlide() {
        if (slide != null) {
            slide.close();
        }
    }

    @Test
    void opensAGeneratedPyramidAsAGenericTiffWithItsLevels() {
        assertThat(slide).isInstanceOf(OpenSlideReader.class);
        assertThat(slide.vendor()).isEqualTo("generic-tiff");
        assertThat(slide.levels()).hasSize(3);
        assertThat(slide.levels().get(0)).isEqualTo(new SlideLevel(1000, 700, 1.0, 128, 128));
        assertThat(slide.levels().get(1).width()).isEqualTo(500);
        assertThat(slide.levels().get(2).downsample()).isEqualTo(4.0);
        assertThat(slide.properties()).containsEntry("openslide.vendor", "generic-tiff");
        assertThat(slide.mppX()).isEmpty();
    }

    @Test
    void regionsOfEveryLevelCarryTheWrittenPixelsExactly() throws Exception {
        for (int level = 0; level < 3; level++) {
            BufferedImage expected = levels.get(level);
            double ds = slide.levels().get(level).downsample();
            int lx = 37;
            int ly = 21;
            BufferedImage got = slide.readRegion(level, Math.round(lx * ds), Math.round(ly * ds), 150, 90);
            assertThat(got.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < 90; y++) {
                for (int x = 0; x < 150; x++) {
                    assertThat(got.getRGB(x, y)).as("level %d pixel %d,%d", level, x, y)
                            .isEqualTo(expected.getRGB(lx + x, ly + y));
                }
            }
        }
    }

    @Test
    void outsideTheSlideIsTransparent() throws Exception {
        BufferedImage got = slide.readRegion(0, 990, -5, 20, 10);
        assertThat(got.getRGB(0, 0)).isZero();
        assertThat(got.getRGB(15, 7)).isZero();
        assertThat(got.getRGB(5, 7)).isEqualTo(levels.get(0).getRGB(995, 2));
    }

    @Test
    void regionsLargerThanOneNativeBlockAreStitchedSeamlessly() throws Exception {
        int saved = OpenSlideReader.MAX_BLOCK_PIXELS;
        BufferedImage whole = slide.readRegion(0, 0, 0, 1000, 700);
        assertThat((long) 1000 * 700).isLessThan(saved);
        // A region wider than 4096 px goes through the column-block path: outside columns are transparent.
        BufferedImage wide = slide.readRegion(0, -4000, 0, 5000, 20);
        for (int x = 0; x < 1000; x += 7) {
            assertThat(wide.getRGB(4000 + x, 10)).isEqualTo(whole.getRGB(x, 10));
        }
        assertThat(wide.getRGB(4095, 3)).isEqualTo(whole.getRGB(95, 3));
        assertThat(wide.getRGB(4096, 3)).isEqualTo(whole.getRGB(96, 3));
        assertThat(wide.getRGB(100, 3)).isZero();
    }

    @Test
    void concurrentReadsReturnTheSamePixelsAsSerialOnes() throws Exception {
        Random random = new Random(11);
        List<long[]> regions = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            regions.add(new long[] {random.nextInt(3), random.nextInt(900), random.nextInt(600)});
        }
        List<int[]> serial = new ArrayList<>();
        for (long[] r : regions) {
            serial.add(SlideImages.pixels(slide.readRegion((int) r[0], r[1], r[2], 64, 64)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> parallel = new ArrayList<>();
            for (long[] r : regions) {
                parallel.add(pool.submit(() -> SlideImages.pixels(slide.readRegion((int) r[0], r[1], r[2], 64, 64))));
            }
            for (int i = 0; i < regions.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(serial.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedReaderRefusesReadsWithAClearMessage() throws Exception {
        SlideReader other = Slides.open(dir.resolve("pyramid.tif"));
        other.close();
        other.close();
        assertThatThrownBy(() -> other.readRegion(0, 0, 0, 10, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pyramid.tif").hasMessageContaining("closed");
    }

    @Test
    void bestLevelIsTheFinestNotCoarserThanTheWantedDownsample() {
        assertThat(slide.bestLevelForDownsample(1.0)).isZero();
        assertThat(slide.bestLevelForDownsample(3.9)).isEqualTo(1);
        assertThat(slide.bestLevelForDownsample(4.0)).isEqualTo(2);
        assertThat(slide.bestLevelForDownsample(100)).isEqualTo(2);
    }

    @Test
    void theSameContentHasTheSameIdWhereverItLives() throws Exception {
        Path copy = java.nio.file.Files.copy(dir.resolve("pyramid.tif"), dir.resolve("copy.tif"));
        try (SlideReader other = Slides.open(copy)) {
            assertThat(other.id()).isEqualTo(slide.id());
        }
    }
}
