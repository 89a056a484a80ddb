package org.pathlane.inference.stain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pathlane.inference.measure.PixelChannels;
import org.pathlane.inference.model.ColourDeconvolution;
import org.pathlane.inference.model.Matrix3;

/** Macenko estimation and the mapping onto the reference staining, on slides made from known stains. */
class StainNormaliserTest {

    /** A pale, red-purple staining, far from the reference, like the TCGA test slide's. */
    private static final double[] PINK_H = Matrix3.unit(new double[] {0.37, 0.74, 0.57});
    private static final double[] PINK_E = Matrix3.unit(new double[] {0.12, 0.93, 0.35});

    @Test
    void findsTheStainColoursTheSlideWasMadeOf() {
        StainNormaliser.Estimate estimate = estimate(stained(PINK_H, PINK_E, 0.8, 0.7, 20_000, 1));

        assertThat(estimate.normalises()).as(estimate.description()).isTrue();
        // The estimate is the most extreme mixture that passes the optical-density floor on every channel
        // (no pixel here is pure stain, and eosin alone hardly absorbs red), so it is a few degrees off;
        // the reference hematoxylin is 23 degrees away.
        assertThat(degrees(PINK_H, ColourDeconvolution.hematoxylinStain())).isGreaterThan(20);
        assertThat(degrees(estimate.normaliser().hematoxylin(), PINK_H)).isLessThan(6);
        assertThat(degrees(estimate.normaliser().eosin(), PINK_E)).isLessThan(10);
    }

    @Test
    void paleNucleiGetTheHematoxylinOfTheReferenceAndEosinGetsNone() {
        StainNormaliser normaliser = estimate(stained(PINK_H, PINK_E, 0.6, 0.7, 20_000, 2)).normaliser();
        int nucleus = pixel(PINK_H, 0.6, PINK_E, 0.0);
        int stroma = pixel(PINK_H, 0.0, PINK_E, 0.7);

        float before = ColourDeconvolution.hematoxylin(nucleus);
        float after = ColourDeconvolution.hematoxylin(normaliser.apply(new int[] {nucleus})[0]);

        // Hematoxylin at the slide's 99th percentile maps to the reference's (in its stain vector's units).
        assertThat(before).isLessThan(0.5f);
        assertThat((double) after).isCloseTo(StainNormaliser.REFERENCE_MAX_H, org.assertj.core.data.Offset.offset(0.35));
        assertThat(ColourDeconvolution.hematoxylin(normaliser.apply(new int[] {stroma})[0])).isLessThan(0.1f);
    }

    @Test
    void theSlidesStainsAreMeasuredWithTheVectorsEstimatedForIt() {
        StainNormaliser.Estimate estimate = estimate(stained(PINK_H, PINK_E, 0.8, 0.7, 20_000, 5));
        int nucleus = pixel(PINK_H, 0.6, PINK_E, 0.2);

        double own = estimate.measuredAs().hematoxylin(nucleus);
        double standard = PixelChannels.standardHE().hematoxylin(nucleus);

        assertThat(estimate.measuredAs().kind()).isEqualTo(PixelChannels.Kind.BRIGHTFIELD);
        assertThat(Math.abs(own - 0.6)).as("own %.3f, standard %.3f", own, standard).isLessThan(Math.abs(standard - 0.6));
        // The estimated colours are a few degrees off the painted ones (see above): measured with exactly them.
        assertThat(own).isEqualTo((double) PixelChannels.brightfield(estimate.normaliser().hematoxylin(),
                estimate.normaliser().eosin()).hematoxylin(nucleus));
        assertThat(StainNormaliser.Estimate.none("no tissue").measuredAs()).isSameAs(PixelChannels.standardHE());
    }

    @Test
    void glassStaysWhiteAndAlphaIsKept() {
        StainNormaliser normaliser = estimate(stained(PINK_H, PINK_E, 0.8, 0.7, 20_000, 3)).normaliser();
        int[] pixels = {0xffffffff, 0x00ffffff, 0x80ffffff};

        assertThat(normaliser.apply(pixels)).containsExactly(0xffffffff, 0x00ffffff, 0x80ffffff);
    }

    @Test
    void aSlideOfOneStainColourIsLeftAsItIsAndTheSummarySaysWhy() {
        int[] oneStain = stained(PINK_H, PINK_H, 0.8, 0.7, 20_000, 4);

        StainNormaliser.Estimate estimate = estimate(oneStain);

        assertThat(estimate.normalises()).isFalse();
        assertThat(estimate.description()).startsWith("none: ").contains("one stain");
        int[] copy = oneStain.clone();
        assertThat(estimate.apply(copy)).isEqualTo(oneStain);
    }

    @Test
    void tooLittleStainedTissueIsLeftAsItIs() {
        int[] pixels = new int[10_000];
        Arrays.fill(pixels, 0xfff4f0f6); // glass and faint smudges only

        StainNormaliser.Estimate estimate = estimate(pixels);

        assertThat(estimate.normalises()).isFalse();
        assertThat(estimate.description()).contains("stained tissue pixels");
    }

    private static StainNormaliser.Estimate estimate(int[] pixels) {
        boolean[] tissue = new boolean[pixels.length];
        Arrays.fill(tissue, true);
        return StainNormaliser.estimate(pixels, tissue);
    }

    /** Pixels with random concentrations of two stains, up to the given maxima. */
    private static int[] stained(double[] h, double[] e, double maxH, double maxE, int count, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) {
            boolean nucleus = random.nextDouble() < 0.3;
            pixels[i] = pixel(h, (nucleus ? 0.5 + 0.5 * random.nextDouble() : 0.2 * random.nextDouble()) * maxH,
                    e, (0.3 + 0.7 * random.nextDouble()) * maxE);
        }
        return pixels;
    }

    private static int pixel(double[] h, double ch, double[] e, double ce) {
        int rgb = 0xff000000;
        for (int c = 0; c < 3; c++) {
            double od = ch * h[c] + ce * e[c];
            int v = (int) Math.max(0, Math.min(255, Math.round(256 * Math.pow(10, -od) - 1)));
            rgb |= v << (16 - 8 * c);
        }
        return rgb;
    }

    private static double degrees(double[] a, double[] b) {
        return Math.toDegrees(Math.acos(Math.min(1, Matrix3.dot(Matrix3.unit(a), Matrix3.unit(b)))));
    }
}
