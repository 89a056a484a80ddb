package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared real slides, against the sizes in their README and against openslide-write-png. */
class RealSlidesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "CMU-1-Small-Region.svs, aperio, 1, 2220, 2967, 0.499, label;macro;thumbnail",
        "CMU-1-Small-Region-generic.tiff, generic-tiff, 5, 2220, 2967, 0.499, ''",
        "tcga-cr-7395-01a-01-ts1.svs, aperio, 2, 4443, 3567, 0, thumbnail",
        "test3-DAPI-2-387.ndpi, hamamatsu, 7, 3968, 4864, 0.2281750559028887, macro",
    })
    void metadataMatchesTheReadme(String name, String vendor, int levels, long width, long height, double mpp,
            String associated) throws Exception {
        SyntheticSlides.assumeOpenSlide();
        try (SlideReader slide = Slides.open(SyntheticSlides.sharedSlide(name))) {
            assertThat(slide.vendor()).isEqualTo(vendor);
            assertThat(slide.levels()).hasSize(levels);
            assertThat(slide.levels().get(0).width()).isEqualTo(width);
            assertThat(slide.levels().get(0).height()).isEqualTo(height);
            if (mpp == 0) {
                assertThat(slide.mppX()).isEmpty();
            } else {
                assertThat(slide.mppX().orElseThrow()).isCloseTo(mpp, within(1e-6));
                assertThat(slide.mppY().orElseThrow()).isCloseTo(mpp, within(1e-6));
            }
            String[] names = associated.isEmpty() ? new String[0] : associated.split(";");
            assertThat(slide.associatedImageNames()).containsExactlyInAnyOrder(names);
            for (String image : names) {
                BufferedImage read = slide.readAssociatedImage(image);
                assertThat(read.getWidth()).isPositive();
            }
        }
    }

    @Test
    void associatedImagesHaveTheReadmeSizes() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        try (SlideReader slide = Slides.open(SyntheticSlides.sharedSlide("CMU-1-Small-Region.svs"))) {
            BufferedImage label = slide.readAssociatedImage("label");
            assertThat(new int[] {label.getWidth(), label.getHeight()}).containsExactly(387, 463);
            BufferedImage macro = slide.readAssociatedImage("macro");
            assertThat(new int[] {macro.getWidth(), macro.getHeight()}).containsExactly(1280, 431);
        }
    }

    @ParameterizedTest(name = "{0} level {1}")
    @CsvSource({
        "CMU-1-Small-Region.svs, 0, 700, 900, 500, 400",
        "CMU-1-Small-Region-generic.tiff, 2, 400, 600, 300, 200",
        "tcga-cr-7395-01a-01-ts1.svs, 1, 1000, 1200, 640, 480",
        "test3-DAPI-2-387.ndpi, 1, 1000, 2000, 512, 512",
    })
    void pixelsEqualOpenslideWritePng(String name, int level, long x, long y, int w, int h) throws Exception {
        SyntheticSlides.assumeOpenSlide();
        Path slidePath = SyntheticSlides.sharedSlide(name);
        Path tool = SyntheticSlides.tool("openslide-write-png").orElse(null);
        Assumptions.assumeTrue(tool != null, "openslide-write-png is not installed (apt-get install openslide-tools)");
        Path png = dir.resolve("expected.png");
        Process process = new ProcessBuilder(tool.toString(), slidePath.toString(), Long.toString(x), Long.toString(y),
                Integer.toString(level), Integer.toString(w), Integer.toString(h), png.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        BufferedImage expected = ImageIO.read(png.toFile());
        try (SlideReader slide = Slides.open(slidePath)) {
            BufferedImage whole = slide.readRegion(level, x, y, w, h);
            // openslide-write-png reads one row per call, at level-0 y = (long) (((long) (y / ds) + row) * ds).
            // With a fractional downsample each row then has its own sub-pixel phase, so on levels > 0 the
            // same calls are made here; on level 0 the whole region read must match as is.
            double ds = slide.levels().get(level).downsample();
            long firstRow = (long) (y / ds);
            int compared = 0;
            for (int py = 0; py < h; py++) {
                BufferedImage row = level == 0 ? null : slide.readRegion(level, x, (long) ((firstRow + py) * ds), w, 1);
                for (int px = 0; px < w; px++) {
                    int e = expected.getRGB(px, py);
                    if (e >>> 24 == 255) {
                        int got = level == 0 ? whole.getRGB(px, py) : row.getRGB(px, 0);
                        assertThat(got).as("pixel %d,%d", px, py).isEqualTo(e);
                        compared++;
                    }
                }
            }
            assertThat(compared).as("opaque pixels compared").isGreaterThan(w * h / 2);
        }
    }
}
