package org.pathlane.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.Slides;
import org.pathlane.viewer.tile.PyramidLevel;
import org.pathlane.viewer.tile.TileKey;
import org.pathlane.viewer.tile.TilePixels;

class SlideTileSourceTest {

    @TempDir
    Path dir;

    @Test
    void tilesAreTheSlidesPixelsCutAtTheEdge() throws Exception {
        BufferedImage image = new BufferedImage(600, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 600; x++) {
                image.setRGB(x, y, (x * 7 & 0xff) << 16 | (y * 3 & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        Path png = dir.resolve("gradient.png");
        ImageIO.write(image, "png", png.toFile());
        try (SlideReader reader = Slides.open(png); SlideTileSource source = new SlideTileSource(reader, 2)) {
            assertThat(source.tileSize()).isEqualTo(SlideTileSource.DEFAULT_TILE_SIZE);
            assertThat(source.levels()).containsExactly(new PyramidLevel(600, 300, 1));
            assertThat(source.micronsPerPixel()).isEmpty();

            TilePixels corner = source.readTile(new TileKey(source.id(), 0, 2, 1)).get(10, TimeUnit.SECONDS);
            // 600 = 2 × 256 + 88 and 300 = 256 + 44: the last tile is 88 × 44.
            assertThat(corner.width()).isEqualTo(88);
            assertThat(corner.height()).isEqualTo(44);
            for (int y = 0; y < 44; y++) {
                for (int x = 0; x < 88; x++) {
                    assertThat(corner.argb()[y * 88 + x]).isEqualTo(image.getRGB(512 + x, 256 + y));
                }
            }
            assertThatThrownBy(() -> source.read(new TileKey(source.id(), 0, 3, 0))).hasMessageContaining("outside");
        }
    }

    @Test
    void followsTheFilesTilesAndLevelsOnARealPyramid() throws Exception {
        String shared = System.getProperty("pathlane.shared.dir");
        Path slide = shared == null ? null : Path.of(shared, "slides", "CMU-1-Small-Region-generic.tiff");
        Assumptions.assumeTrue(slide != null && Files.isRegularFile(slide),
                "shared slide CMU-1-Small-Region-generic.tiff not found under -Dpathlane.shared.dir");
        try (SlideReader reader = Slides.open(slide); SlideTileSource source = new SlideTileSource(reader, 2)) {
            assertThat(source.tileSize()).isEqualTo(256);
            assertThat(source.levels()).hasSize(5);
            assertThat(source.levels().get(4).width()).isEqualTo(138);
            TileKey key = new TileKey(source.id(), 2, 2, 2);
            TilePixels tile = source.readTile(key).get(10, TimeUnit.SECONDS);
            double ds = source.levels().get(2).downsample();
            BufferedImage direct = reader.readRegion(2, Math.round(512 * ds), Math.round(512 * ds), tile.width(), tile.height());
            assertThat(tile.width()).isEqualTo(555 - 512);
            assertThat(tile.height()).isEqualTo(741 - 512);
            assertThat(tile.argb()).isEqualTo(direct.getRGB(0, 0, tile.width(), tile.height(), null, 0, tile.width()));
        }
    }

    @Test
    void countsFailedReadsAndKeepsTheFirstMessage() throws Exception {
        try (SlideReader broken = new UnreadableRegions(); SlideTileSource source = new SlideTileSource(broken, 1)) {
            var read = source.readTile(new TileKey(source.id(), 0, 0, 0));
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("/slides/broken.svs: bad JPEG tile at 0,0");
            assertThat(source.failures()).isEqualTo(1);
            assertThat(source.firstFailure()).contains("broken.svs");
        }
    }

    @Test
    void closingWhenIdleLetsTheRunningReadFinishAndCancelsTheQueuedOnes() throws Exception {
        FakeSlide slide = new FakeSlide(Path.of("/slides/a.svs"), java.util.OptionalDouble.empty()).holdReads();
        SlideTileSource source = new SlideTileSource(slide, 1);
        var running = source.readTile(new TileKey(source.id(), 0, 0, 0));
        slide.awaitReadStarted();
        var queued = source.readTile(new TileKey(source.id(), 0, 1, 0));

        var idle = source.closeWhenIdle();
        assertThat(idle).as("a read still runs").isNotDone();
        assertThatThrownBy(() -> source.readTile(new TileKey(source.id(), 0, 2, 0)).join())
                .as("a read asked for after closing").isInstanceOf(java.util.concurrent.CancellationException.class);

        slide.releaseReads();
        assertThat(running.get(10, TimeUnit.SECONDS).width()).isEqualTo(256);
        idle.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
        slide.close();
        assertThat(slide.failedReads()).as("no read ran on the closed slide or was interrupted").isZero();
    }

    /** A slide whose header reads fine and whose every region fails, like a file damaged in the middle. */
    private static final class UnreadableRegions implements SlideReader {
        @Override
        public Path path() {
            return Path.of("/slides/broken.svs");
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public String vendor() {
            return "aperio";
        }

        @Override
        public java.util.List<org.pathlane.inference.slide.SlideLevel> levels() {
            return java.util.List.of(new org.pathlane.inference.slide.SlideLevel(1000, 800, 1, 256, 256));
        }

        @Override
        public java.util.OptionalDouble mppX() {
            return java.util.OptionalDouble.empty();
        }

        @Override
        public java.util.OptionalDouble mppY() {
            return java.util.OptionalDouble.empty();
        }

        @Override
        public java.util.Map<String, String> properties() {
            return java.util.Map.of();
        }

        @Override
        public java.util.Set<String> associatedImageNames() {
            return java.util.Set.of();
        }

        @Override
        public BufferedImage readAssociatedImage(String name) throws java.io.IOException {
            throw new java.io.IOException("none");
        }

        @Override
        public BufferedImage readRegion(int level, long x, long y, int w, int h) throws java.io.IOException {
            throw new java.io.IOException(path() + ": bad JPEG tile at " + x + "," + y);
        }

        @Override
        public void close() {
        }
    }
}
