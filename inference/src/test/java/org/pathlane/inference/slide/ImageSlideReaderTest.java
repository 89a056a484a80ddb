package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain images are one-level slides of vendor "image" with exactly their pixels. */
class ImageSlideReaderTest {

    @TempDir
    Path dir;

    @Test
    void aPngIsAOneLevelSlideWithItsPixels() throws Exception {
        BufferedImage pattern = SyntheticSlides.pattern(300, 200, 5);
        try (SlideReader slide = Slides.open(SyntheticSlides.writeImage(dir.resolve("scan.png"), pattern, "png"))) {
            assertThat(slide.vendor()).isEqualTo("image");
            assertThat(slide.levels()).containsExactly(new SlideLevel(300, 200, 1.0, 0, 0));
            assertThat(slide.mppX()).isEmpty();
            assertThat(slide.associatedImageNames()).isEmpty();
            assertThat(slide.properties()).containsEntry("image.format", "png");
            BufferedImage region = slide.readRegion(0, 290, 150, 20, 60);
            assertThat(region.getRGB(5, 10)).isEqualTo(pattern.getRGB(295, 160));
            assertThat(region.getRGB(9, 49)).isEqualTo(pattern.getRGB(299, 199));
            assertThat(region.getRGB(10, 10)).as("right of the image").isZero();
            assertThat(region.getRGB(5, 50)).as("below the image").isZero();
        }
    }

    @Test
    void aNonPyramidalTiffGoesThroughImageIo() throws Exception {
        BufferedImage pattern = SyntheticSlides.pattern(120, 90, 6);
        try (SlideReader slide = Slides.open(SyntheticSlides.writeImage(dir.resolve("strip.tif"), pattern, "tiff"))) {
            assertThat(slide).isInstanceOf(ImageSlideReader.class);
            assertThat(slide.readRegion(0, -3, -3, 10, 10).getRGB(3, 3)).isEqualTo(pattern.getRGB(0, 0));
        }
    }

    @Test
    void aJpegKeepsItsSizeAndIsOpaque() throws Exception {
        try (SlideReader slide = Slides.open(SyntheticSlides.writeImage(dir.resolve("photo.jpg"),
                SyntheticSlides.tissueLike(256, 128, 1), "jpg"))) {
            assertThat(slide.levels().get(0).width()).isEqualTo(256);
            assertThat(slide.readRegion(0, 0, 0, 256, 128).getRGB(100, 100) >>> 24).isEqualTo(255);
        }
    }
}
