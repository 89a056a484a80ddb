package org.pathlane.inference.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlideThumbnailTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheAspectAndMapsBackToLevelZero() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        BufferedImage base = SyntheticSlides.tissueLike(1000, 700, 2);
        try (SlideReader slide = Slides.open(SyntheticSlides.writePyramid(dir.resolve("t.tif"),
                SyntheticSlides.pyramid(base, 3), 128))) {
            SlideThumbnail thumb = SlideThumbnail.of(slide, 300);
            assertThat(thumb.image().getWidth()).isEqualTo(300);
            assertThat(thumb.image().getHeight()).isEqualTo(210);
            assertThat(thumb.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(thumb.downsampleX()).isCloseTo(1000 / 300.0, within(1e-9));
            assertThat(thumb.downsampleY()).isCloseTo(700 / 210.0, within(1e-9));
            // Glass stays glass and the stained rectangle (x 500..833, y 350..525) stays pink.
            assertThat(thumb.image().getRGB(5, 205) & 0xffffff).isEqualTo(0xf3f3f3);
            int pink = thumb.image().getRGB(200, 130);
            assertThat((pink >> 16) & 0xff).isGreaterThan(((pink >> 8) & 0xff) + 40);
        }
    }

    @Test
    void aSmallImageIsNotEnlarged() throws Exception {
        try (SlideReader slide = Slides.open(SyntheticSlides.writeImage(dir.resolve("s.png"),
                SyntheticSlides.pattern(120, 80, 1), "png"))) {
            SlideThumbnail thumb = SlideThumbnail.of(slide, 1536);
            assertThat(thumb.image().getWidth()).isEqualTo(120);
            assertThat(thumb.downsampleX()).isEqualTo(1.0);
            assertThat(thumb.image().getRGB(7, 9)).isEqualTo(slide.readRegion(0, 7, 9, 1, 1).getRGB(0, 0));
        }
    }
}
