package org.pathlane.inference.tissue;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.slide.SlideThumbnail;
import org.pathlane.inference.slide.Slides;
import org.pathlane.inference.slide.SyntheticSlides;

class TissueDetectorTest {

    @TempDir
    Path dir;

    private static TissueDetection detect(BufferedImage image, double mpp) {
        return TissueDetector.defaults().detect(new SlideThumbnail(image, 1, 1), OptionalDouble.of(mpp));
    }

    @Test
    void findsStainedBlobsOnGlassAndNothingElse() {
        BufferedImage slide = SyntheticSlides.tissueLike(800, 600, 4);
        TissueDetection found = detect(slide, 2.0);
        TissueMask mask = found.mask();
        assertThat(found.channel()).isEqualTo("saturation");
        // The drawn oval and rectangle cover about 17 % of the image.
        double drawn = Math.PI / 4 / 9 + 1.0 / 12;
        assertThat(mask.fraction()).isBetween(drawn - 0.02, drawn + 0.02);
        assertThat(mask.isTissue(800 / 8 + 800 / 6, 600 / 8 + 600 / 6)).as("oval centre").isTrue();
        assertThat(mask.isTissue(800 * 2 / 3, 600 * 5 / 8)).as("rectangle").isTrue();
        assertThat(mask.isTissue(10, 590)).as("glass corner").isFalse();
    }

    @Test
    void aCropFromInsideTissueIsAllTissue() {
        // Stroma and nuclei edge to edge, no glass: Otsu would split the tissue itself.
        BufferedImage crop = org.pathlane.inference.testdata.SyntheticTissue.paint(512, 512,
                org.pathlane.inference.testdata.SyntheticTissue.randomDiscs(3, 512, 512, 60));
        TissueDetection found = detect(crop, 0.25);
        assertThat(found.glassless()).isTrue();
        assertThat(found.mask().fraction()).isEqualTo(1.0);
        assertThat(found.channel()).isEqualTo(TissueDetector.BRIGHTFIELD);
    }

    @Test
    void aSlideWithGlassIsNeverTakenForACrop() {
        assertThat(detect(SyntheticSlides.tissueLike(800, 600, 4), 2.0).glassless()).isFalse();
        assertThat(detect(SyntheticSlides.blank(640, 480), 0.5).glassless()).isFalse();
    }

    @Test
    void aBlankSlideHasNoTissue() {
        TissueDetection found = detect(SyntheticSlides.blank(640, 480), 0.5);
        assertThat(found.mask().isEmpty()).isTrue();
        assertThat(found.mask().fraction()).isZero();
    }

    @Test
    void specksAreDroppedAndSmallHolesFilled() {
        BufferedImage image = SyntheticSlides.blank(400, 400);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 100, 170));
        g.fillRect(50, 50, 200, 200);
        g.fillRect(350, 350, 3, 3);
        g.setColor(new Color(243, 243, 243));
        g.fillRect(140, 140, 10, 10);
        g.dispose();
        // At 2 µm/px a 3x3 speck is 36 µm² (< 5000) and the 10x10 hole 400 µm² (< 20000).
        TissueMask mask = detect(image, 2.0).mask();
        assertThat(mask.isTissue(351, 351)).as("speck").isFalse();
        assertThat(mask.isTissue(145, 145)).as("hole").isTrue();
        assertThat(mask.isTissue(100, 100)).isTrue();
    }

    @Test
    void fluorescenceTissueIsWhereStainedNucleiAreDense() {
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0, 0, 200));
        for (int y = 10; y < 390; y += 12) {
            for (int x = 10; x < 290; x += 12) {
                g.fillOval(x, y, 6, 6);
            }
        }
        g.dispose();
        TissueDetection found = detect(image, 1.0);
        assertThat(found.channel()).isEqualTo("stained-density");
        assertThat(found.mask().isTissue(150, 200)).as("between nuclei in tissue").isTrue();
        assertThat(found.mask().isTissue(500, 200)).as("dark background").isFalse();
        assertThat(found.mask().fraction()).isBetween(0.4, 0.6);
    }

    /**
     * Dense H&amp;E without glass can be as dark as fluorescence (a NuInsSeg spleen crop full of blood has a
     * median brightness of 42): it is still brightfield, dark nuclei in red-purple tissue, and must not be
     * rendered as a nuclear fluorescence channel.
     */
    @Test
    void darkDenseBrightfieldTissueIsNotTakenForFluorescence() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int shade = random.nextInt(30);
                image.setRGB(x, y, new Color(70 + shade, 15 + shade / 2, 45 + shade).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(35, 20, 60));
        for (int y = 15; y < 300; y += 30) {
            for (int x = 15; x < 400; x += 30) {
                g.fillOval(x - 8, y - 8, 16, 16);
            }
        }
        g.dispose();

        assertThat(detect(image, 0.25).channel()).isEqualTo(TissueDetector.BRIGHTFIELD);
    }

    @Test
    void sparseBrightNucleiOnADarkButNotBlackBackgroundAreFluorescence() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 30, 45));
        g.fillRect(0, 0, 400, 300);
        g.setColor(new Color(60, 80, 250));
        for (int y = 15; y < 300; y += 30) {
            for (int x = 15; x < 400; x += 30) {
                g.fillOval(x - 9, y - 9, 18, 18);
            }
        }
        g.dispose();

        assertThat(detect(image, 0.25).channel()).isEqualTo("stained-density");
    }

    @Test
    void otsuSplitsTwoModesBetweenThem() {
        int[] values = new int[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? 30 + i % 7 : 180 + i % 9;
        }
        assertThat(TissueDetector.otsu(values)).isBetween(37, 180);
    }

    @Test
    void findsTheTissueOfTheRealCmuSmallRegion() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        try (SlideReader slide = Slides.open(SyntheticSlides.sharedSlide("CMU-1-Small-Region.svs"))) {
            TissueDetection found = TissueDetector.defaults().detect(slide);
            TissueMask mask = found.mask();
            assertThat(mask.width()).isBetween(1000, 2000);
            assertThat(mask.height()).isBetween(1000, 2000);
            // H&E skin in a band down the middle; glass on the left and right.
            assertThat(mask.fraction()).isBetween(0.2, 0.6);
            assertThat(mask.fractionIn(900, 900, 300, 900)).as("epidermis down the middle").isGreaterThan(0.95);
            assertThat(mask.fractionIn(0, 0, 600, 600)).as("glass top-left").isLessThan(0.02);
            assertThat(mask.fractionIn(1800, 0, 400, 900)).as("glass top-right").isLessThan(0.02);
            assertThat(mask.fractionIn(1950, 2400, 270, 567)).as("glass bottom-right").isLessThan(0.02);
        }
    }

    @Test
    void aBlankPyramidalSlideThroughOpenSlideHasNoTissue() throws Exception {
        SyntheticSlides.assumeOpenSlide();
        Path file = SyntheticSlides.writeAperio(dir.resolve("blank.svs"),
                SyntheticSlides.pyramid(SyntheticSlides.blank(1200, 900), 2), 128, 0.5);
        try (SlideReader slide = Slides.open(file)) {
            assertThat(slide.vendor()).isEqualTo("aperio");
            assertThat(TissueDetector.defaults().detect(slide).mask().isEmpty()).isTrue();
        }
    }
}
